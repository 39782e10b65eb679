namespace MediationPlatform.Mediators.Features.Assignments;

public sealed record AssignmentResponse(
    Guid Id, Guid CaseId, Guid MediatorId, Guid? PreviousMediatorId, bool Automatic, string? Reason, DateTimeOffset AssignedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.CaseId, a.MediatorId, a.PreviousMediatorId, a.Automatic, a.Reason, a.AssignedAt);
}
