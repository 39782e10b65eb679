using MediationPlatform.Cases.Domain;
using MediationPlatform.Messaging;

namespace MediationPlatform.Cases.Features.Timeline;

/// <summary>One change of a case: what, who, when it happened (as entered) and when it was recorded. Insert-only.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int Version { get; set; }
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? Details { get; set; }

    public static TimelineEntry From(Guid caseId, CaseChange change) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Version = change.Version,
        Action = change.Action,
        Actor = change.Actor,
        OccurredAt = change.OccurredAt,
        RecordedAt = change.RecordedAt,
        Details = change.Details is null ? null : System.Text.Json.JsonSerializer.Serialize(change.Details, EventSerializer.Options),
    };
}
