using System.Text.Json;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>Gathers a case's <see cref="Dossier"/>: the case, its regions, mediators, organisations, sessions and timeline — six reads.</summary>
public sealed class DossierBuilder(CasesDbContext db)
{
    public CasesDbContext Db => db;

    /// <summary>The case with what its documents need (parties, referrals), or null. Read-only.</summary>
    public Task<Case?> LoadCaseAsync(Guid id, CancellationToken ct) =>
        db.Cases.AsNoTracking().AsSplitQuery().Include(c => c.Parties).Include(c => c.Referrals).FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<int> SessionsHeldAsync(Guid caseId, CancellationToken ct) => db.Sessions.CountAsync(s => s.CaseId == caseId && s.Held, ct);

    public async Task<Dossier> BuildAsync(Case c, CancellationToken ct)
    {
        var codes = new[] { c.RegionCode, c.TownCode, c.DistrictCode }.OfType<string>().Distinct().ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.CaseId == c.Id).OrderBy(s => s.OccurredAt).ThenBy(s => s.SessionId).ToListAsync(ct);
        var timeline = await db.Timeline.AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.RecordedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var mediatorIds = sessions.SelectMany(s => s.MediatorIds).Append(c.AssignedMediatorId ?? Guid.Empty).Distinct().ToList();
        var mediators = await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var organizationIds = c.Referrals.Select(r => r.OrganizationId).Append(c.IntakeOrganizationId).OfType<Guid>().Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        string NameOf(string? code) => code is not null && regions.TryGetValue(code, out var r) ? r.Name : code ?? "";
        var regionName = NameOf(c.RegionCode);
        var townName = NameOf(c.TownCode ?? c.RegionCode);
        var townShortName = regions.TryGetValue(c.TownCode ?? c.RegionCode, out var town) && town.ShortName is { Length: > 0 } s ? s : ShortNameOf(townName);
        var place = new DossierPlace(c.RegionCode, regionName, townName, townShortName,
            c.DistrictCode is null ? null : NameOf(c.DistrictCode), CommitteeOf(regionName));

        var parties = c.PartiesInOrder.Select((p, i) => new DossierParty(i, p.Id, p.Role, p.Kind, p.Name, p.IdNumberEncrypted,
            p.IdNumberMasked, p.PhoneEncrypted, p.PhoneMasked, p.Address)).ToList();
        var partyIndex = parties.ToDictionary(p => p.PartyId, p => p);
        var obligations = c.Obligations.Select(o => partyIndex.TryGetValue(o.PartyId, out var p)
            ? new DossierObligation(p.Index, p.Name, o.What, o.Amount, o.DueAt, o.PerformedAt)
            : new DossierObligation(-1, "", o.What, o.Amount, o.DueAt, o.PerformedAt)).ToList();

        var outcome = new DossierOutcome(c.AgreementType, c.AgreementSummary, c.AmountAgreed, c.PerformanceDueAt, c.EndedAt,
            c.OutcomeReason, c.AdvisedRoute, c.JudicialConfirmationStatus, c.JudicialConfirmationDueAt,
            LawInForce.JudicialConfirmationArticle(c.EndedAt ?? c.ReceivedAt), c.PerformedAt,
            c.Source == CaseSource.CourtEntrusted ? LawInForce.CourtEntrustedPeriodBasis : LawInForce.MediationPeriodBasis, c.MediationDueAt);

        var followUps = timeline.Where(t => t.Action == "follow_up").Select(t =>
        {
            var d = Details(t.Details);
            return new DossierFollowUp(t.OccurredAt, t.Actor, Bool(d, "performed"), Bool(d, "satisfied"), Text(d, "note"),
                d is { } e && e.TryGetProperty("performedObligations", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(x => x.GetInt32()).ToList() : []);
        }).ToList();

        var referrals = c.Referrals.OrderBy(r => r.MadeAt).Select(r => new DossierReferral(r.Agency,
            r.OrganizationId is { } o && organizations.TryGetValue(o, out var n) ? n : null, r.Reason, r.Whole, r.Status, r.Outcome, r.Summary, r.MadeAt)).ToList();

        var intake = c.IntakeAgency is { } agency
            ? new DossierIntake(agency, c.IntakeOrganizationId is { } org && organizations.TryGetValue(org, out var on) ? on : "", c.ExternalRef, c.ReceivedAt, c.MediationDueAt)
            : null;

        DossierPetition? petition = null;
        if (c.Kind == CaseKind.Petition)
        {
            var law = c.Regulation;
            petition = new DossierPetition(law.Name, c.HasConclusionPeriod, law.Acceptance, law.Conclusion, law.Opinion, law.Review, law.SecondReview,
                c.AcceptanceDueAt, c.AcceptedAt, c.ConclusionDueAt, c.ConcludedAt, c.HandlingOpinion ?? (c.ReviewConcludedAt is null ? c.Opinion : null),
                c.HandlingOpinionSummary ?? (c.ReviewConcludedAt is null ? c.OpinionSummary : null), c.ReplyDeliveredAt, c.ReviewDueAt, c.ReviewLevel, c.ReviewRequestedAt,
                c.ReviewConcludedAt, c.Status == CaseStatus.NotAccepted ? c.OutcomeReason : null,
                c.Status == CaseStatus.NotAccepted ? c.EndedAt : null,
                place.DistrictName is { } district ? $"{district}人民政府或其有关工作部门" : "上一级行政机关",
                c.ReviewConcludedAt is null ? null : c.Opinion, c.ReviewConcludedAt is null ? null : c.OpinionSummary, c.ReviewReplyDeliveredAt);
        }

        // issuing is not a step of the matter: leaving it out keeps an unchanged case's data (and hash) the same after an issue
        var steps = timeline.Where(t => t.Action != "document_issued").Select(t => new DossierStep(t.OccurredAt, t.Action, t.Actor)).ToList();
        var sessionRows = sessions.Select(s => new DossierSession(s.StartsAt, s.OccurredAt, s.Held, s.Location,
            s.MediatorIds.Select(m => mediators.TryGetValue(m, out var name) ? name : "").Where(n => n != "").ToList(),
            s.AttendeeCount, s.Summary)).ToList();

        return new Dossier(c.Id, c.Number, c.FileNumber(place.TownShortName), c.Kind, c.Title, c.Description, c.Category, c.PetitionType,
            c.Source, c.Channel, c.ReceivedAt, c.Status, c.PartyCount, c.AmountInvolved, c.RegisteredBy, place,
            c.AssignedMediatorId is { } mediator && mediators.TryGetValue(mediator, out var mediatorName) ? mediatorName : null,
            parties, outcome, obligations, sessionRows, followUps, referrals, intake, petition, steps);
    }

    /// <summary>The town's abbreviation in file numbers when its region has no <c>shortName</c>: the first character (木耳镇 → 木).</summary>
    public static string ShortNameOf(string townName) => townName.Length > 0 ? townName[..1] : "";

    /// <summary>The 人民调解委员会 of a village (村 / 社区) or town: "{name}人民调解委员会".</summary>
    public static string CommitteeOf(string regionName) => $"{regionName}人民调解委员会";

    private static JsonElement? Details(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static bool? Bool(JsonElement? e, string name) =>
        e is { } x && x.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static string? Text(JsonElement? e, string name) =>
        e is { } x && x.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
