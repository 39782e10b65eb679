using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>移送/对接: `whole` hands the case over; otherwise the agency helps and reports back.</summary>
public sealed record ReferCommand(Agency? Agency, [property: MaxLength(2000)] string? Reason, bool? Whole, DateTimeOffset? OccurredAt);
