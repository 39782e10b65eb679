using System.Text.Json.Serialization;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>A case as clients see it. ID numbers and phones are always masked here.</summary>
public sealed record CaseResponse(
    Guid Id, string Number, CaseKind Kind, string Title, string Description, DisputeCategory Category,
    PetitionType? PetitionType, string RegionCode, CaseSource Source, CaseChannel Channel, DateTimeOffset ReceivedAt,
    RiskLevel RiskLevel, int PartyCount, decimal? AmountInvolved, string? ExternalRef, CaseStatus Status,
    Guid? AssignedMediatorId, DeadlinesResponse Deadlines, bool Overdue, OutcomeResponse? Outcome, IReadOnlyList<ReferralResponse> Referrals,
    IReadOnlyList<LinkResponse> Links, IReadOnlyList<PartyResponse> Parties, IReadOnlyList<string> AllowedActions, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Only in the answer of <c>POST /api/cases</c>: open or recent cases of the same town that may be the same matter
    /// brought again (api.md "Repeat matters"); absent elsewhere.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PossibleDuplicate>? PossibleDuplicates { get; init; }

    public static CaseResponse From(Case c, DateTimeOffset now)
    {
        var deadlines = new DeadlinesResponse(c.MediationDueAt, c.AcceptanceDueAt, c.ConclusionDueAt, c.ReviewDueAt, c.DueKind, c.DueAt, c.CurrentDeadlineBasis());
        var outcome = c.EndedAt is null && c.JudicialConfirmationStatus is null && c.ReviewLevel is null ? null
            : new OutcomeResponse(c.AgreementType, c.AgreementSummary, c.AmountAgreed, c.PerformanceDueAt, c.EscalationPrevented,
                c.JudicialConfirmationStatus, c.JudicialConfirmationDueAt, c.AdvisedRoute, c.OutcomeReason, c.Opinion,
                c.OpinionSummary, c.ConcludedOnTime, c.ReviewLevel, c.FollowUps, c.EndedAt, c.ReviewReplyDeliveredAt ?? c.ReplyDeliveredAt,
                ObligationResponse.From(c), c.Prevented);
        return new CaseResponse(c.Id, c.Number, c.Kind, c.Title, c.Description, c.Category, c.PetitionType, c.RegionCode,
            c.Source, c.Channel, c.ReceivedAt, c.RiskLevel, c.PartyCount, c.AmountInvolved, c.ExternalRef, c.Status,
            c.AssignedMediatorId, deadlines, c.IsOverdue(now), outcome,
            c.Referrals.OrderBy(r => r.CreatedAt).Select(r => ReferralResponse.From(r, now)).ToList(),
            c.Links.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).Select(LinkResponse.From).ToList(),
            c.PartiesInOrder.Select(PartyResponse.From).ToList(),
            c.AllowedActions().Select(CaseCommands.RouteName).ToList(),
            c.Version, c.CreatedAt, c.UpdatedAt);
    }

    public static string ETagOf(int version) => IfMatch.ETagOf(version);

    /// <summary>The <c>ETag</c> a case's read and every change of it answer with, for the OpenAPI document.</summary>
    public static readonly ResponseHeader ETagHeader =
        new("ETag", "The case's version in quotes (`\"7\"`): send it back as `If-Match` to change only that version.");
}
