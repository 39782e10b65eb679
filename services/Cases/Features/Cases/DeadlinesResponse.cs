namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// The case's deadlines (23:59:59 China Standard Time of their last day, moved past days off): <c>current</c> names the
/// one it is running against now (mediation, acceptance, conclusion or review) and <c>dueAt</c> is that one.
/// </summary>
public sealed record DeadlinesResponse(
    DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ReviewDueAt,
    string? Current, DateTimeOffset? DueAt);
