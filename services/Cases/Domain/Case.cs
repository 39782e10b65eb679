using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// A dispute (矛盾纠纷) or petition (信访事项): the aggregate that owns its state machine, its legal deadlines and the
/// rules of every action. Each public method checks the action is allowed (else <see cref="ActionNotAllowedException"/>,
/// 409), checks its input (else <see cref="InvalidInputException"/>, 400), changes the state and records one
/// <see cref="CaseChange"/> — version, timeline entry, events — through <see cref="Change"/>, the single place a case
/// changes. Nothing here touches a database; <c>CaseStore</c> loads, saves and writes the pending changes.
/// The actions themselves are in <c>Case.Disputes.cs</c>, <c>Case.Petitions.cs</c> and <c>Case.Shared.cs</c>.
/// </summary>
public sealed partial class Case : IRegionPlaced
{
    private readonly List<Party> _parties = [];
    private readonly List<CaseReferral> _referrals = [];
    private readonly List<CaseLink> _links = [];
    private readonly List<CaseChange> _changes = [];

    private Case() { } // for EF Core

    public Guid Id { get; private set; }

    /// <summary>Readable number, unique per town, year (CST) and kind: <c>MUER-2021-D-00017</c>.</summary>
    public string Number { get; private set; } = "";

    public CaseKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DisputeCategory Category { get; private set; }
    public PetitionType? PetitionType { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string? TownCode { get; private set; }
    public string? DistrictCode { get; private set; }
    public CaseSource Source { get; private set; }
    public CaseChannel Channel { get; private set; }
    public RiskLevel RiskLevel { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>People involved as declared (<c>partyCount</c>), when more than the parties listed.</summary>
    public int DeclaredPartyCount { get; private set; }

    /// <summary>People involved: the declared count or the parties listed, whichever is more.</summary>
    public int PartyCount { get; private set; }

    public decimal? AmountInvolved { get; private set; }
    public string? ExternalRef { get; private set; }
    public CaseStatus Status { get; private set; }
    public Guid? AssignedMediatorId { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }

    // Deadlines, recomputed after every change (RecomputeDeadlines) from the facts below and the legal clock.
    public DateTimeOffset? MediationDueAt { get; private set; }
    public DateTimeOffset? AcceptanceDueAt { get; private set; }
    public DateTimeOffset? ConclusionDueAt { get; private set; }
    public DateTimeOffset? ReviewDueAt { get; private set; }
    public DateTimeOffset? JudicialConfirmationDueAt { get; private set; }

    /// <summary>The deadline the case is running against now (<see cref="CurrentDeadline"/>), stored for queries and sorting.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Which deadline <see cref="DueAt"/> is: mediation, acceptance, conclusion or review.</summary>
    public string? DueKind { get; private set; }

    /// <summary>When the latest step happened (as entered); a new step may not be dated before it.</summary>
    public DateTimeOffset LastOccurredAt { get; private set; }

    /// <summary>When the case reached an end status (resolved, unresolved, withdrawn, transferred, not accepted, concluded).</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public AgreementType? AgreementType { get; private set; }
    public string? AgreementSummary { get; private set; }
    public decimal? AmountAgreed { get; private set; }
    public DateTimeOffset? PerformanceDueAt { get; private set; }
    public bool EscalationPrevented { get; private set; }
    public JudicialConfirmationStatus? JudicialConfirmationStatus { get; private set; }
    public AdvisedRoute? AdvisedRoute { get; private set; }
    public string? OutcomeReason { get; private set; }

    /// <summary>Days the running period was extended by (the mediation month, or a claim's 60 days).</summary>
    public int ExtensionDays { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? ConcludedAt { get; private set; }

    /// <summary>When the petitioner received the written reply (送达); the review window runs from it.</summary>
    public DateTimeOffset? ReplyDeliveredAt { get; private set; }

    /// <summary>The latest written opinion: the handling opinion, then a review's.</summary>
    public Opinion? Opinion { get; private set; }

    /// <summary>The handling opinion (处理意见) as concluded, kept when a review's answer replaces <see cref="Opinion"/>.</summary>
    public Opinion? HandlingOpinion { get; private set; }

    public string? HandlingOpinionSummary { get; private set; }

    /// <summary>When the latest review (复查 / 复核) was answered.</summary>
    public DateTimeOffset? ReviewConcludedAt { get; private set; }

    public string? OpinionSummary { get; private set; }
    public bool? ConcludedOnTime { get; private set; }
    public ReviewLevel? ReviewLevel { get; private set; }
    public DateTimeOffset? ReviewRequestedAt { get; private set; }

    /// <summary>When the petitioner received the review's written answer; a second review may be asked for within 30 days of it.</summary>
    public DateTimeOffset? ReviewReplyDeliveredAt { get; private set; }

    public int FollowUps { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Grows by one with every change; the ETag, the optimistic-concurrency token and every event's version.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Party> Parties => _parties;

    /// <summary>The parties in the order every answer lists them (role, then id): what an index into <c>parties</c> means.</summary>
    public IReadOnlyList<Party> PartiesInOrder => _parties.OrderBy(p => p.Role).ThenBy(p => p.Id).ToList();
    public IReadOnlyList<CaseReferral> Referrals => _referrals;

    /// <summary>Links made from this case to others (关联: repeat_of, related).</summary>
    public IReadOnlyList<CaseLink> Links => _links;

    /// <summary>Changes made since the case was loaded, not yet saved (not mapped).</summary>
    public IReadOnlyList<CaseChange> PendingChanges => _changes;

    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);

    public bool IsOpen => CaseStateMachine.IsOpen(Kind, Status);

    /// <summary>
    /// The petition regulation this matter runs under: the one in force on the day it was received (信访条例 2005 before
    /// 2022-05-01, 信访工作条例 from then; ADR 0012). Not mapped: derived from <see cref="ReceivedAt"/>.
    /// </summary>
    public PetitionRegulation Regulation => LawInForce.PetitionRegulationFor(ReceivedAt);

    /// <summary>
    /// Petitions whose handling has the 60-day clock: every matter under 信访条例 (2005) Art. 33; only claims (申诉求决类,
    /// Art. 31 (六)) under 信访工作条例 Art. 34.
    /// </summary>
    public bool HasConclusionPeriod => Kind == CaseKind.Petition && Regulation.HasConclusionPeriod(PetitionType);

    /// <summary>A petition whose second review (复核) is concluded: the matter is closed and not accepted again (信访工作条例 Art. 36).</summary>
    public bool MatterClosed => Kind == CaseKind.Petition && Status == CaseStatus.ReviewConcluded && ReviewLevel == Contracts.ReviewLevel.SecondReview;

    /// <summary>
    /// Registers a case (version 1): its deadlines, the "registered" entry and CaseRegistered. <paramref name="notes"/> adds
    /// the possible duplicates found and, for an imported case, its ledger origin to the entry's details.
    /// </summary>
    public static Case Register(RegisterCaseCommand r, RegionPath place, string number, IEnumerable<Party> parties, CaseContext ctx,
        Guid? registeredByMediatorId, RegistrationNotes? notes = null)
    {
        r.Validate(ctx.Now).ThrowIfInvalid();
        var receivedAt = r.ReceivedAt ?? ctx.Now;
        var c = new Case
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Kind = r.Kind!.Value,
            Title = r.Title!.Trim(),
            Description = r.Description?.Trim() ?? "",
            Category = r.Category!.Value,
            PetitionType = r.PetitionType,
            RegionCode = place.Code,
            TownCode = place.TownCode,
            DistrictCode = place.DistrictCode,
            Source = r.Source!.Value,
            Channel = r.Channel!.Value,
            RiskLevel = r.RiskLevel ?? Contracts.RiskLevel.Low,
            ReceivedAt = receivedAt,
            LastOccurredAt = receivedAt,
            AmountInvolved = r.AmountInvolved,
            ExternalRef = r.ExternalRef,
            Status = CaseStatus.Registered,
            DeclaredPartyCount = r.PartyCount ?? 0,
            RegisteredBy = ctx.Actor,
            CreatedAt = ctx.Now,
            UpdatedAt = ctx.Now,
        };
        foreach (var p in parties)
        {
            p.CaseId = c.Id;
            c._parties.Add(p);
        }
        c.PartyCount = Math.Max(c.DeclaredPartyCount, c._parties.Count);
        if (notes?.Intake is { } intake)
        {
            c.IntakeId = intake.IntakeId;
            c.IntakeOrganizationId = intake.OrganizationId;
            c.IntakeAgency = intake.Agency;
        }
        var details = new Dictionary<string, object?> { ["number"] = number, ["kind"] = c.Kind, ["regionCode"] = c.RegionCode };
        if (notes?.PossibleDuplicates is { Count: > 0 } duplicates)
            details["possibleDuplicates"] = duplicates.Select(d => new { caseId = d.Id, d.Number, d.Reason }).ToList();
        if (notes?.Ledger is { } ledger) details["ledger"] = ledger;
        if (notes?.Intake is { } handedIn)
            details["intake"] = new { intakeId = handedIn.IntakeId, handedIn.OrganizationId, handedIn.Agency, externalRef = c.ExternalRef, note = handedIn.Note };
        c.Change(ctx, receivedAt, "registered", details, isStep: false)
            .Publish(new CaseRegistered(c.Id, c.Version, receivedAt, ctx.Now, c.Number, c.Kind, c.Category, c.PetitionType,
                c.RegionCode, c.TownCode, c.DistrictCode, c.Source, c.Channel, c.RiskLevel, receivedAt, c.PartyCount,
                c.AmountInvolved, ctx.Actor, registeredByMediatorId, c.IntakeAgency));
        return c;
    }

    /// <summary>The actions the case allows now (the state machine, less what its history rules out).</summary>
    public IReadOnlyList<CaseAction> AllowedActions() =>
        CaseStateMachine.AllowedActions(Kind, Status).Where(a => !RuledOutByHistory(a)).ToList();

    public bool Allows(CaseAction action) => CaseStateMachine.IsAllowed(Kind, Status, action) && !RuledOutByHistory(action);

    /// <summary>
    /// After a second review (复核) the matter is closed: no further review (信访工作条例 Art. 36). Only a dispute an agency
    /// handed in can be returned to it.
    /// </summary>
    private bool RuledOutByHistory(CaseAction action) =>
        (action == CaseAction.Review && MatterClosed) || (action == CaseAction.Return && !HandedIn)
        || (action == CaseAction.ToMediation && PetitionType != Contracts.PetitionType.Claim);

    /// <summary>The deadline the case is running against in its current status, if any.</summary>
    public CaseDeadline? CurrentDeadline() => (Kind, Status) switch
    {
        (CaseKind.Dispute, CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating) when MediationDueAt is { } m
            => new CaseDeadline(CaseDeadline.Mediation, m),
        (CaseKind.Petition, CaseStatus.Registered) when AcceptanceDueAt is { } a => new CaseDeadline(CaseDeadline.Acceptance, a),
        (CaseKind.Petition, CaseStatus.Accepted) when ConclusionDueAt is { } c => new CaseDeadline(CaseDeadline.Conclusion, c),
        (CaseKind.Petition, CaseStatus.UnderReview) when ReviewDueAt is { } r => new CaseDeadline(CaseDeadline.Review, r),
        _ => null,
    };

    /// <summary>The article of law the current deadline comes from, in the text in force for this case (LawInForce).</summary>
    public string? CurrentDeadlineBasis() => DueKind switch
    {
        CaseDeadline.Mediation => Source == CaseSource.CourtEntrusted ? LawInForce.CourtEntrustedPeriodBasis : LawInForce.MediationPeriodBasis,
        CaseDeadline.Acceptance => Regulation.Acceptance,
        CaseDeadline.Conclusion => Regulation.Conclusion,
        CaseDeadline.Review => Regulation.ReviewArticle(ReviewLevel),
        _ => null,
    };

    /// <summary>The current deadline has passed.</summary>
    public bool IsOverdue(DateTimeOffset now) => DueAt is { } due && due < now;

    /// <summary>
    /// Starts an action: it must be allowed in the current status (409), and <c>occurredAt</c> (default now) may lie
    /// neither in the future nor before the previous step (400). Returns when it happened and a collector for the
    /// action's own field rules.
    /// </summary>
    private (DateTimeOffset At, Validation V) Begin(CaseAction action, DateTimeOffset? occurredAt, CaseContext ctx)
    {
        if (!Allows(action))
            throw new ActionNotAllowedException(Kind, Status, action, AllowedActions(), !RuledOutByHistory(action) ? null
                : action == CaseAction.Return ? "Only a dispute an agency handed in (POST /api/intake) can be returned to it."
                : action == CaseAction.ToMediation ? "Only a claim (申诉求决类) may be moved to people's mediation (司法部、国家信访局 2025 opinion)."
                : "After a second review (复核) the matter is closed: no further review (信访工作条例 Art. 36).");
        var when = occurredAt ?? ctx.Now;
        var v = new Validation().NotInFuture("occurredAt", when, ctx.Now);
        if (when < LastOccurredAt) v.Add("occurredAt", $"'occurredAt' may not lie before the previous step ({LastOccurredAt:O}).");
        v.ThrowIfInvalid();
        return (when, new Validation());
    }

    /// <summary>
    /// The status an allowed action leads to, from the state table (<see cref="CaseStateMachine"/>) — the one place the
    /// transitions are written; <see cref="Begin"/> has checked that the action is allowed.
    /// </summary>
    private void MoveTo(CaseAction action) => Status = CaseStateMachine.NextStatus(Kind, Status, action);

    /// <summary>
    /// "A case changed": the version grows by one, the deadlines follow the new state, and a pending change carries
    /// the timeline entry and (through <see cref="CaseChange.Publish"/>) the events — for commands and consumers alike.
    /// A step (<paramref name="isStep"/>) also becomes the date later back-dated steps are checked against.
    /// </summary>
    private CaseChange Change(CaseContext ctx, DateTimeOffset occurredAt, string action, object? details, bool isStep = true)
    {
        Version++;
        UpdatedAt = ctx.Now;
        if (isStep) LastOccurredAt = occurredAt;
        RecomputeDeadlines(ctx.Clock);
        var change = new CaseChange(Version, action, ctx.Actor, occurredAt, ctx.Now, details);
        _changes.Add(change);
        return change;
    }

    /// <summary>A notice on the timeline that does not change the case (its version stays, so no If-Match goes stale).</summary>
    private CaseChange Notice(CaseContext ctx, DateTimeOffset occurredAt, string action, object? details)
    {
        var change = new CaseChange(Version, action, ctx.Actor, occurredAt, ctx.Now, details);
        _changes.Add(change);
        return change;
    }

    /// <summary>The pending changes were saved.</summary>
    public void ChangesSaved() => _changes.Clear();

    private CaseUpdated Updated(string change, DateTimeOffset occurredAt, DateTimeOffset now) =>
        new(Id, Version, occurredAt, now, change, Status, Category, RiskLevel, AssignedMediatorId);

    /// <summary>Every deadline from the case's facts (ADR 0012); the one place they are computed.</summary>
    private void RecomputeDeadlines(LegalClock clock)
    {
        if (Kind == CaseKind.Dispute)
        {
            // a court's 委派调解 (pre-filing): 30 days from the township's receipt (特邀调解规定 Art. 27); else the month
            MediationDueAt = Source == CaseSource.CourtEntrusted
                ? clock.DueAfterDays(ReceivedAt, LegalClock.CourtEntrustedDays + ExtensionDays)
                : clock.DueAfterMonths(ReceivedAt, LegalClock.MediationMonths, ExtensionDays);
            JudicialConfirmationDueAt = Status == CaseStatus.Resolved && EndedAt is { } agreed
                ? clock.DueAfterDays(agreed, LegalClock.JudicialConfirmationDays) : null;
        }
        else
        {
            AcceptanceDueAt = clock.DueAfterDays(ReceivedAt, LegalClock.PetitionAcceptanceDays);
            ConclusionDueAt = HasConclusionPeriod && AcceptedAt is { } accepted
                ? clock.DueAfterDays(accepted, LegalClock.PetitionConclusionDays + ExtensionDays) : null;
            ReviewDueAt = Status switch
            {
                CaseStatus.Concluded when (ReplyDeliveredAt ?? ConcludedAt) is { } delivered
                    => clock.DueAfterDays(delivered, LegalClock.ReviewRequestDays),
                CaseStatus.UnderReview when ReviewRequestedAt is { } asked => clock.DueAfterDays(asked, LegalClock.ReviewAnswerDays),
                CaseStatus.ReviewConcluded when ReviewLevel == Contracts.ReviewLevel.Review && ReviewReplyDeliveredAt is { } answered
                    => clock.DueAfterDays(answered, LegalClock.ReviewRequestDays),
                _ => null,
            };
        }
        var current = CurrentDeadline();
        DueAt = current?.DueAt;
        DueKind = current?.Name;
    }
}
