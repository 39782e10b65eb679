namespace MediationPlatform.Contracts;

/// <summary>
/// A dispute an agency handed in (三调对接 inbound: 警调, 诉调 委派, 访调) as that agency sees it — the answer of
/// <c>GET /api/intake/{id}</c> and the body of its webhooks. No ID numbers, no phones.
/// </summary>
/// <param name="Id">the record's id (<c>/api/intake/{id}</c>).</param>
/// <param name="Agency">police, court or petition_office (the figure keys).</param>
/// <param name="OrganizationId">the organisation that handed it in.</param>
/// <param name="ReceivedAt">when the township received it.</param>
/// <param name="Status">received, assigned, mediating, resolved, unresolved, withdrawn or returned.</param>
/// <param name="Case">the case made from it.</param>
/// <param name="Outcome">how it ended, once it has.</param>
/// <param name="ExternalRef">the agency's own number (警情编号, 案号, 信访件编号), as sent after trimming.</param>
/// <param name="DueAt">the case's running mediation deadline: 30 days from receipt for a court's 委派调解 (特邀调解规定 Art. 27), else the mediation month; null once it has ended.</param>
public sealed record IntakeRecord(
    Guid Id,
    Agency Agency,
    Guid OrganizationId,
    string ExternalRef,
    DateTimeOffset ReceivedAt,
    IntakeStatus Status,
    DateTimeOffset? DueAt,
    IntakeCase Case,
    IntakeOutcome? Outcome);

/// <summary>The case made from a handed-in dispute.</summary>
public sealed record IntakeCase(Guid Id, string Number, CaseStatus Status, string? MediatorName);

/// <summary>
/// How it ended: on success the agreement (and <c>judicialConfirmation</c>: whether the parties applied to the court for
/// 司法确认, and its result); on failure the reason and the route advised; <c>performedAt</c> once a follow-up found the
/// agreement performed; <c>reason</c> for a withdrawal or a return.
/// </summary>
public sealed record IntakeOutcome(
    IntakeStatus Result,
    AgreementType? AgreementType,
    string? AgreementSummary,
    decimal? AmountAgreed,
    DateTimeOffset? PerformanceDueAt,
    DateTimeOffset? PerformedAt,
    JudicialConfirmationStatus? JudicialConfirmation,
    string? Reason,
    AdvisedRoute? AdvisedRoute);
