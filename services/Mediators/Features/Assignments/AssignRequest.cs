using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Mediators.Features.Assignments;

/// <summary>`allowOverCapacity`: a supervisor's deliberate choice of a mediator already at `maxActiveCases`.</summary>
public sealed record AssignRequest(
    Guid? CaseId, Guid? MediatorId, [property: MaxLength(500)] string? Reason, DateTimeOffset? OccurredAt, bool? AllowOverCapacity);
