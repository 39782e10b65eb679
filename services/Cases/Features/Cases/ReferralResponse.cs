using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>A referral of the case with the agency's answer; <c>overdue</c> when still pending after <c>respondBy</c>.</summary>
public sealed record ReferralResponse(Guid Id, Agency Agency, string Reason, bool Whole, ReferralStatus Status,
    Guid? OrganizationId, ReferralOutcome? Outcome, string? Summary, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? RespondBy, bool Overdue)
{
    public static ReferralResponse From(CaseReferral r, DateTimeOffset now) => new(r.Id, r.Agency, r.Reason, r.Whole, r.Status,
        r.OrganizationId, r.Outcome, r.Summary, r.CreatedAt, r.UpdatedAt, r.RespondBy, r.IsOverdue(now));
}
