using System.Text.Json;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>
/// Everything a case's documents print, gathered once (<see cref="DossierBuilder"/>): the case, its place and committee,
/// its parties (ID numbers and phones sealed — <see cref="DossierParty"/>), the mediator, the agreement's terms, the
/// sessions, follow-ups, referrals, the agency that handed it in, the petition's steps with the articles in force, and
/// the timeline. An issued document stores its dossier as JSON, so a reprint prints exactly what was issued.
/// </summary>
public sealed record Dossier(
    Guid CaseId, string Number, string FileNumber, CaseKind Kind, string Title, string Description, DisputeCategory Category,
    PetitionType? PetitionType, CaseSource Source, CaseChannel Channel, DateTimeOffset ReceivedAt, CaseStatus Status,
    int PartyCount, decimal? AmountInvolved, string RegisteredBy,
    DossierPlace Place, string? MediatorName,
    IReadOnlyList<DossierParty> Parties,
    DossierOutcome Outcome,
    IReadOnlyList<DossierObligation> Obligations,
    IReadOnlyList<DossierSession> Sessions,
    IReadOnlyList<DossierFollowUp> FollowUps,
    IReadOnlyList<DossierReferral> Referrals,
    DossierIntake? Intake,
    DossierPetition? Petition,
    IReadOnlyList<DossierStep> Timeline)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The dossier as an issued document stores it (<see cref="IssuedDocument.Data"/>); its SHA-256 is the content hash.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Dossier FromJson(string data) => JsonSerializer.Deserialize<Dossier>(data, Json)!;
}

/// <summary>Where: the case's village or town, its town and district, and the committee (人民调解委员会) that mediates there.</summary>
public sealed record DossierPlace(string RegionCode, string RegionName, string TownName, string TownShortName, string? DistrictName, string CommitteeName);

/// <summary>A party as printed; <see cref="IdNumberSealed"/> / <see cref="PhoneSealed"/> are opened only for an unmasked read.</summary>
public sealed record DossierParty(int Index, Guid PartyId, PartyRole Role, PartyKind Kind, string Name,
    string? IdNumberSealed, string? IdNumberMasked, string? PhoneSealed, string? PhoneMasked, string? Address);

public sealed record DossierOutcome(AgreementType? AgreementType, string? AgreementSummary, decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt, DateTimeOffset? EndedAt, string? Reason, AdvisedRoute? AdvisedRoute,
    JudicialConfirmationStatus? JudicialConfirmation, DateTimeOffset? JudicialConfirmationDueAt, string JudicialConfirmationArticle,
    DateTimeOffset? PerformedAt, string MediationPeriodBasis, DateTimeOffset? MediationDueAt);

public sealed record DossierObligation(int Party, string PartyName, string What, decimal? Amount, DateTimeOffset? DueAt, DateTimeOffset? PerformedAt);

public sealed record DossierSession(DateTimeOffset? StartsAt, DateTimeOffset OccurredAt, bool Held, string? Location,
    IReadOnlyList<string> Mediators, int AttendeeCount, string? Summary);

public sealed record DossierFollowUp(DateTimeOffset OccurredAt, string By, bool? Performed, bool? Satisfied, string? Note, IReadOnlyList<int> PerformedObligations);

public sealed record DossierReferral(Agency Agency, string? OrganizationName, string Reason, bool Whole, ReferralStatus Status,
    ReferralOutcome? Outcome, string? Summary, DateTimeOffset MadeAt);

public sealed record DossierIntake(Agency Agency, string OrganizationName, string? ExternalRef, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt);

/// <summary>A petition's steps and the articles of the regulation it runs under (信访条例 2005 or 信访工作条例; ADR 0012).</summary>
public sealed record DossierPetition(string Regulation, bool HasConclusionPeriod, string AcceptanceArticle, string ConclusionArticle,
    string OpinionArticle, string ReviewArticle, string SecondReviewArticle,
    DateTimeOffset? AcceptanceDueAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ConclusionDueAt, DateTimeOffset? ConcludedAt,
    Opinion? Opinion, string? OpinionSummary, DateTimeOffset? ReplyDeliveredAt, DateTimeOffset? ReviewDueAt,
    ReviewLevel? ReviewLevel, DateTimeOffset? ReviewRequestedAt, DateTimeOffset? ReviewConcludedAt, string? NotAcceptedReason,
    DateTimeOffset? NotAcceptedAt, string ReviewBody, Opinion? ReviewOpinion, string? ReviewOpinionSummary, DateTimeOffset? ReviewReplyDeliveredAt);

public sealed record DossierStep(DateTimeOffset OccurredAt, string Action, string Actor);
