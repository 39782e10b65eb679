namespace MediationPlatform.Contracts.Events;

/// <summary>
/// A handed-in dispute moved on in a way its agency is told of by webhook: <c>intake.assigned</c>,
/// <c>intake.completed</c> (resolved, unresolved, withdrawn, returned), <c>intake.performed</c>. <c>Intake</c> is the
/// record as of this change; its <c>case.mediatorName</c> is filled in by the mediator service, which owns the names.
/// </summary>
public sealed record IntakeChanged(
    Guid IntakeId,
    Guid OrganizationId,
    Guid CaseId,
    string Event,
    IntakeRecord Intake,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt)
{
    public const string Assigned = "intake.assigned";
    public const string Completed = "intake.completed";
    public const string Performed = "intake.performed";
}
