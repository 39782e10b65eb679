namespace MediationPlatform.Contracts.Events;

/// <summary>
/// Every event about a case carries the case id, the case's version after the change, when it happened
/// (<c>OccurredAt</c>, as entered — may be back-dated) and when it was recorded. No event carries an ID number or phone.
/// </summary>
public interface ICaseEvent
{
    Guid CaseId { get; }
    int Version { get; }
    DateTimeOffset OccurredAt { get; }
    DateTimeOffset RecordedAt { get; }
}
