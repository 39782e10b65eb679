namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// The case's deadlines (23:59:59 China Standard Time of their last day, moved past days off): <c>current</c> names the
/// one it is running against now (mediation, acceptance, conclusion or review), <c>dueAt</c> is that one and <c>basis</c>
/// the article it comes from in the text in force for the case (a petition received before 2022-05-01: 信访条例 2005).
/// </summary>
public sealed record DeadlinesResponse(
    DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ReviewDueAt,
    string? Current, DateTimeOffset? DueAt, string? Basis);
