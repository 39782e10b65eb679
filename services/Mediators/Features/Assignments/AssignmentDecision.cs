namespace MediationPlatform.Mediators.Features.Assignments;

/// <param name="MediatorId">null when nobody qualifies: the case stays registered and shows as unassigned.</param>
/// <param name="Rung">which rule picked the mediator (or why nobody was).</param>
public sealed record AssignmentDecision(Guid? MediatorId, string Rung);
