namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// The 409 of a case action (RFC 9457 problem details): the status does not allow the action. <c>currentStatus</c> names
/// the case's status, <c>allowedActions</c> the actions (as in their routes) it allows now.
/// </summary>
public sealed record ActionConflictProblem(
    string? Type, string Title, int Status, string? Detail, string CurrentStatus, IReadOnlyList<string> AllowedActions, string? TraceId);
