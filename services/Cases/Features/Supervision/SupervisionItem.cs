using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Supervision;

/// <summary>
/// One line of the supervision list (督办): a case whose running deadline has passed or is near, or a referral an
/// agency has not answered. <c>type</c> is <c>case</c>, <c>referral</c> or <c>awaiting_mediator</c> (a dispute nobody has room for yet); <c>deadline</c> names which one.
/// </summary>
public sealed record SupervisionItem(
    string Type, Guid CaseId, string Number, string Title, CaseKind Kind, CaseStatus Status, string RegionCode,
    Guid? AssignedMediatorId, string Deadline, DateTimeOffset DueAt, bool Overdue, Guid? ReferralId, Agency? Agency);
