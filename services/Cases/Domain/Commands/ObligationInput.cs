using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>An agreement's term as sent with <c>resolve</c>: <c>party</c> is an index into the case's <c>parties</c> (0-based).</summary>
public sealed record ObligationInput(
    [property: Range(0, PartyRules.MaxParties - 1)] int? Party, [property: MaxLength(1000)] string? What,
    [property: Range(0, 999_999_999_999d)] decimal? Amount, DateTimeOffset? DueAt);
