namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>An agreement's term as sent with <c>resolve</c>: <c>party</c> is an index into the case's <c>parties</c> (0-based).</summary>
public sealed record ObligationInput(int? Party, string? What, decimal? Amount, DateTimeOffset? DueAt);
