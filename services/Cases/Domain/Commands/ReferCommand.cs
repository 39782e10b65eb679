using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>移送/对接: `whole` hands the case over; otherwise the agency helps and reports back.</summary>
[RequestExample("""
    {"agency":"police","reason":"可能激化为治安案件","whole":false}
    """)]
public sealed record ReferCommand(Agency? Agency, [property: MaxLength(2000)] string? Reason, bool? Whole, DateTimeOffset? OccurredAt);
