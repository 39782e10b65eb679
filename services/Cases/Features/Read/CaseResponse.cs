using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Read;

public sealed record PartyResponse(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address);

public sealed record ReferralResponse(Guid Id, Agency Agency, string Reason, bool Whole, ReferralStatus Status,
    Guid? OrganizationId, ReferralOutcome? Outcome, string? Summary, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? RespondBy);

public sealed record DeadlinesResponse(
    DateTimeOffset? MediationDueAt, DateTimeOffset? AcceptanceDueAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ReviewDueAt);

/// <summary>How a case ended (or is ending): agreement, failure route, petition opinion, judicial confirmation.</summary>
public sealed record OutcomeResponse(
    AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed, DateTimeOffset? PerformanceDueAt,
    bool EscalationPrevented, JudicialConfirmationStatus? JudicialConfirmation, DateTimeOffset? JudicialConfirmationDueAt,
    AdvisedRoute? AdvisedRoute, string? Reason, Opinion? Opinion, string? OpinionSummary, bool? ConcludedOnTime,
    ReviewLevel? ReviewLevel, int FollowUps, DateTimeOffset? EndedAt);

/// <summary>A case as clients see it. ID numbers and phones are always masked here.</summary>
public sealed record CaseResponse(
    Guid Id, string Number, CaseKind Kind, string Title, string Description, DisputeCategory Category,
    PetitionType? PetitionType, string RegionCode, CaseSource Source, CaseChannel Channel, DateTimeOffset ReceivedAt,
    RiskLevel RiskLevel, int PartyCount, decimal? AmountInvolved, string? ExternalRef, CaseStatus Status,
    Guid? AssignedMediatorId, DeadlinesResponse Deadlines, bool Overdue, OutcomeResponse? Outcome, IReadOnlyList<ReferralResponse> Referrals,
    IReadOnlyList<PartyResponse> Parties, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CaseResponse From(Case c, DateTimeOffset now)
    {
        var deadlines = new DeadlinesResponse(c.MediationDueAt, c.AcceptanceDueAt, c.ConclusionDueAt, c.ReviewDueAt);
        var overdue = CurrentDeadline(c) is { } due && due < now;
        var outcome = c.EndedAt is null && c.JudicialConfirmationStatus is null && c.ReviewLevel is null ? null
            : new OutcomeResponse(c.AgreementType, c.AgreementSummary, c.AmountAgreed, c.PerformanceDueAt, c.EscalationPrevented,
                c.JudicialConfirmationStatus, c.JudicialConfirmationDueAt, c.AdvisedRoute, c.OutcomeReason, c.Opinion,
                c.OpinionSummary, c.ConcludedOnTime, c.ReviewLevel, c.FollowUps, c.EndedAt);
        return new CaseResponse(c.Id, c.Number, c.Kind, c.Title, c.Description, c.Category, c.PetitionType, c.RegionCode,
            c.Source, c.Channel, c.ReceivedAt, c.RiskLevel, c.PartyCount, c.AmountInvolved, c.ExternalRef, c.Status,
            c.AssignedMediatorId, deadlines, overdue, outcome,
            c.Referrals.OrderBy(r => r.CreatedAt).Select(r => new ReferralResponse(r.Id, r.Agency, r.Reason, r.Whole, r.Status,
                r.OrganizationId, r.Outcome, r.Summary, r.CreatedAt, r.UpdatedAt, r.RespondBy)).ToList(),
            c.Parties.OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new PartyResponse(p.Id, p.Role, p.Kind, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Address)).ToList(),
            c.Version, c.CreatedAt, c.UpdatedAt);
    }

    /// <summary>The deadline the case is running against in its current status, if any.</summary>
    public static DateTimeOffset? CurrentDeadline(Case c) => (c.Kind, c.Status) switch
    {
        (CaseKind.Dispute, CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating) => c.MediationDueAt,
        (CaseKind.Petition, CaseStatus.Registered) => c.AcceptanceDueAt,
        (CaseKind.Petition, CaseStatus.Accepted) => c.ConclusionDueAt,
        (CaseKind.Petition, CaseStatus.UnderReview) => c.ReviewDueAt,
        _ => null,
    };

    public static string ETagOf(int version) => $"\"{version}\"";
}
