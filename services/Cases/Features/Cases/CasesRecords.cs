using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// The 409 of a case action (RFC 9457 problem details): the status does not allow the action. <c>currentStatus</c> names
/// the case's status, <c>allowedActions</c> the actions (as in their routes) it allows now.
/// </summary>
public sealed record ActionConflictProblem(
    string? Type, string Title, int Status, string? Detail, string CurrentStatus, IReadOnlyList<string> AllowedActions, string? TraceId);

/// <summary>
/// The case's deadlines (23:59:59 China Standard Time of their last day, moved past days off): <c>current</c> names the
/// one it is running against now (mediation, acceptance, conclusion or review), <c>dueAt</c> is that one and <c>basis</c>
/// the article it comes from in the text in force for the case (a petition received before 2022-05-01: 信访条例 2005).
/// </summary>
public sealed record DeadlinesResponse(
    DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ReviewDueAt,
    string? Current, DateTimeOffset? DueAt, string? Basis);

/// <summary>A link of the case to another (关联): the other case, its number, the relation and when it was made.</summary>
public sealed record LinkResponse(Guid CaseId, string Number, CaseRelation Relation, DateTimeOffset LinkedAt)
{
    public static LinkResponse From(CaseLink l) => new(l.LinkedCaseId, l.LinkedNumber, l.Relation, l.LinkedAt);
}

/// <summary>A party as every case response shows it: ID number and phone masked (<c>500112********1234</c>, <c>138****5678</c>).</summary>
public sealed record PartyResponse(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address)
{
    public static PartyResponse From(Party p) => new(p.Id, p.Role, p.Kind, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address);
}

/// <summary>A referral of the case with the agency's answer; <c>overdue</c> when still pending after <c>respondBy</c>.</summary>
public sealed record ReferralResponse(Guid Id, Agency Agency, string Reason, bool Whole, ReferralStatus Status,
    Guid? OrganizationId, ReferralOutcome? Outcome, string? Summary, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? RespondBy, bool Overdue)
{
    public static ReferralResponse From(CaseReferral r, DateTimeOffset now) => new(r.Id, r.Agency, r.Reason, r.Whole, r.Status,
        r.OrganizationId, r.Outcome, r.Summary, r.CreatedAt, r.UpdatedAt, r.RespondBy, r.IsOverdue(now));
}
