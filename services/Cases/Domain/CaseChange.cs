namespace MediationPlatform.Cases.Domain;

/// <summary>
/// One change of a case not yet saved: the version it produced (the current one for a notice that does not move the
/// version), what it was for the timeline, who, when it happened and when it was recorded, its details (never personal
/// data) and the events it publishes. <c>CaseStore</c> writes it as one timeline entry and its outbox rows, in the
/// transaction that saves the case — the one path of "a case changed" for commands and consumers alike.
/// </summary>
public sealed class CaseChange(int version, string action, string actor, DateTimeOffset occurredAt, DateTimeOffset recordedAt, object? details)
{
    private readonly List<object> _events = [];

    public int Version { get; } = version;
    public string Action { get; } = action;
    public string Actor { get; } = actor;
    public DateTimeOffset OccurredAt { get; } = occurredAt;
    public DateTimeOffset RecordedAt { get; } = recordedAt;
    public object? Details { get; } = details;
    public IReadOnlyList<object> Events => _events;

    public CaseChange Publish(object @event)
    {
        _events.Add(@event);
        return this;
    }
}
