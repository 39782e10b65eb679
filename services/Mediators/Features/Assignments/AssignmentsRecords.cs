using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>`allowOverCapacity`: a supervisor's deliberate choice of a mediator already at `maxActiveCases`.</summary>
public sealed record AssignRequest(
    Guid? CaseId, Guid? MediatorId, [property: MaxLength(500)] string? Reason, DateTimeOffset? OccurredAt, bool? AllowOverCapacity);

public sealed record AssignmentResponse(
    Guid Id, Guid CaseId, Guid MediatorId, Guid? PreviousMediatorId, bool Automatic, string? Reason, DateTimeOffset AssignedAt)
{
    public static AssignmentResponse From(Assignment a) =>
        new(a.Id, a.CaseId, a.MediatorId, a.PreviousMediatorId, a.Automatic, a.Reason, a.AssignedAt);
}

public sealed record UnassignedCase(Guid CaseId, string Number, string RegionCode, DisputeCategory Category, RiskLevel RiskLevel, DateTimeOffset ReceivedAt);
