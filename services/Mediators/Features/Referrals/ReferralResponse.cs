using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Referrals;

public sealed record ReferralResponse(
    Guid Id, Guid CaseId, string CaseNumber, string Title, CaseKind Kind, DisputeCategory Category, Agency Agency, string Reason,
    bool Whole, string RegionCode, Guid? OrganizationId, ReferralStatus Status,
    ReferralOutcome? Outcome, string? Summary, string? DeclineReason, DateTimeOffset ReferredAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? RespondBy)
{
    public static ReferralResponse From(Referral r) => new(r.Id, r.CaseId, r.CaseNumber, r.Title, r.Kind, r.Category, r.Agency,
        r.Reason, r.Whole, r.RegionCode, r.OrganizationId, r.Status, r.Outcome, r.Summary, r.DeclineReason, r.ReferredAt, r.UpdatedAt,
        r.RespondBy);
}
