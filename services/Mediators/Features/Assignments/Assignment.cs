namespace MediationPlatform.Mediators.Features.Assignments;

public sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid MediatorId { get; set; }
    public Guid? PreviousMediatorId { get; set; }
    public bool Automatic { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string AssignedBy { get; set; } = "";
}
