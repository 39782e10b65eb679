namespace MediationPlatform.Cases.Domain;

/// <summary>
/// One term of an agreement (人民调解法 Art. 29: what was agreed, how and by when it is performed): which party
/// (<see cref="PartyId"/>; the API names it by its index in the case's <c>parties</c>), does what, for what amount, by
/// when. A follow-up (回访) that finds it performed sets <see cref="PerformedAt"/>.
/// </summary>
public sealed record Obligation(Guid PartyId, string What, decimal? Amount, DateTimeOffset? DueAt, DateTimeOffset? PerformedAt = null);
