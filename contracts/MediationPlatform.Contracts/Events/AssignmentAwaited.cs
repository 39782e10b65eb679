namespace MediationPlatform.Contracts.Events;

/// <summary>
/// No mediator serving the dispute's place has room (every qualifying one at <c>maxActiveCases</c>, or none serves it):
/// the mediator service keeps it in its capacity queue and assigns it, oldest first, as soon as one has room.
/// </summary>
public sealed record AssignmentAwaited(
    Guid CaseId,
    string Number,
    string RegionCode,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt);
