using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 办结 or a review answer: the written opinion. `deliveredAt` is when the petitioner received the written reply
/// (送达); the 30-day window for the next review runs from it (信访工作条例 Art. 35, 36). Defaults to `occurredAt`.
/// </summary>
public sealed record ConcludeCommand(Opinion? Opinion, [property: MaxLength(4000)] string? Summary, DateTimeOffset? DeliveredAt,
    DateTimeOffset? OccurredAt);
