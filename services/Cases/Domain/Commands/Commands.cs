using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>
/// 办结 or a review answer: the written opinion. `deliveredAt` is when the petitioner received the written reply
/// (送达); the 30-day window for the next review runs from it (信访工作条例 Art. 35, 36). Defaults to `occurredAt`.
/// </summary>
public sealed record ConcludeCommand(Opinion? Opinion, [property: MaxLength(4000)] string? Summary, DateTimeOffset? DeliveredAt,
    DateTimeOffset? OccurredAt);

/// <summary>
/// 延期: days added to the running period, and why. <c>partiesConsent</c>: both parties agreed — required for a court's
/// 委派调解 (特邀调解规定 Art. 27: longer than 30 days only with both parties' consent), recorded on the timeline.
/// </summary>
public sealed record ExtendCommand(
    // the outer bound: 90 days for a dispute, 30 for a petition (Case.Extend)
    [property: Range(1, LegalClock.DisputeMaxExtensionDays)] int? Days, [property: MaxLength(2000)] string? Reason,
    DateTimeOffset? OccurredAt, bool? PartiesConsent = null);

/// <summary>调解不成: why, and the route the parties were told of (人民调解法 Art. 26).</summary>
public sealed record FailCommand([property: MaxLength(2000)] string? Reason, AdvisedRoute? AdvisedRoute, DateTimeOffset? OccurredAt);

/// <summary>
/// 回访: whether the agreement was performed and the parties are satisfied; <see cref="PerformedObligations"/> names the
/// agreement's terms (indexes into its <c>obligations</c>) this visit found performed.
/// </summary>
[RequestExample("""
    {"performed":true,"satisfied":true,"note":"已履行","performedObligations":[0,1]}
    """)]
public sealed record FollowUpCommand(bool? Performed, bool? Satisfied, [property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt,
    [property: MaxLength(ResolveCommand.MaxObligations), EachRange(0, ResolveCommand.MaxObligations - 1)] IReadOnlyList<int>? PerformedObligations = null);

/// <summary>司法确认: applied (within 30 days of the agreement), confirmed or rejected.</summary>
public sealed record JudicialConfirmationCommand(JudicialConfirmationStatus? Status, [property: MaxLength(200)] string? Court,
    [property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt);

/// <summary>关联: the case this one is linked to, and how (<c>repeat_of</c> | <c>related</c>).</summary>
public sealed record LinkCommand(Guid? CaseId, CaseRelation? Relation, DateTimeOffset? OccurredAt);

/// <summary>
/// 不予受理: a reason, or <c>repeatOf</c> — the petition repeats a matter whose second review (复核) is concluded, which is
/// not accepted again (信访工作条例 Art. 36); the reason then defaults to saying so, and the case is linked
/// <c>repeat_of</c> that matter in the same step.
/// </summary>
public sealed record NotAcceptCommand([property: MaxLength(2000)] string? Reason, Guid? RepeatOf, DateTimeOffset? OccurredAt);

/// <summary>A note on the case (备注).</summary>
public sealed record NoteCommand([property: MaxLength(4000)] string? Text, DateTimeOffset? OccurredAt);

/// <summary>An agreement's term as sent with <c>resolve</c>: <c>party</c> is an index into the case's <c>parties</c> (0-based).</summary>
public sealed record ObligationInput(
    [property: Range(0, PartyRules.MaxParties - 1)] int? Party, [property: MaxLength(1000)] string? What,
    [property: Range(0, 999_999_999_999d)] decimal? Amount, DateTimeOffset? DueAt);

/// <summary>A party as a client sends it. ID number and phone are encrypted before they are stored.</summary>
public sealed record PartyInput(
    PartyRole? Role, PartyKind? Kind, [property: MaxLength(200)] string? Name,
    [property: MaxLength(30), RegularExpression(@"^\s*[A-Za-z0-9]{6,30}\s*$")] string? IdNumber,
    [property: MaxLength(20), RegularExpression(@"^\s*[0-9+-][0-9+\- ]{3,18}[0-9+-]\s*$")] string? Phone,
    [property: MaxLength(500)] string? Address);

/// <summary>One prevention as sent with <c>resolve</c>: <c>kind</c> criminal_case, group_petition, group_fight or suicide; <c>persons</c> ≥ 1.</summary>
public sealed record PreventionInput(PreventedKind? Kind, [property: Range(1, 100_000)] int? Persons);

/// <summary>An action that needs a reason: withdraw (撤回), not-accept (不予受理).</summary>
public sealed record ReasonCommand([property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);

/// <summary>移送/对接: `whole` hands the case over; otherwise the agency helps and reports back.</summary>
[RequestExample("""
    {"agency":"police","reason":"可能激化为治安案件","whole":false}
    """)]
public sealed record ReferCommand(Agency? Agency, [property: MaxLength(2000)] string? Reason, bool? Whole, DateTimeOffset? OccurredAt);

/// <summary>The petitioner asks for a review (复查) or, after one, a second review (复核).</summary>
public sealed record ReviewCommand(ReviewLevel? Level, [property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);

/// <summary>An action that needs nothing but when it happened: start-mediation, accept. `occurredAt` defaults to now.</summary>
public sealed record StepCommand(DateTimeOffset? OccurredAt);

/// <summary>
/// 访调: a claim petition moved to people's mediation. <c>partiesConsent</c> must be true (both parties agreed to mediate),
/// <c>reason</c> says why the matter suits mediation.
/// </summary>
public sealed record ToMediationCommand([property: MaxLength(2000)] string? Reason, bool? PartiesConsent, DateTimeOffset? OccurredAt);
