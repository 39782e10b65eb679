namespace MediationPlatform.Cases.Features.Documents;

/// <summary>
/// A mediation session of a case as the mediator service recorded it (SessionHeld): when, where, who mediated, how many
/// attended, the record's summary — what the 调解记录 prints. One row per session, replaced if the event comes again.
/// </summary>
public sealed class CaseSession
{
    public Guid SessionId { get; set; }
    public Guid CaseId { get; set; }
    public bool Held { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Location { get; set; }
    public List<Guid> MediatorIds { get; set; } = [];
    public int AttendeeCount { get; set; }
    public string? Summary { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
