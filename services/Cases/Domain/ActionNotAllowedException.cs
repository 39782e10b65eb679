using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>The case's status (or its history) does not allow the action: answered 409 naming the status and the allowed actions.</summary>
public sealed class ActionNotAllowedException(CaseKind kind, CaseStatus status, CaseAction action, IReadOnlyList<CaseAction> allowed, string? reason = null)
    : Exception(reason ?? $"{action} is not allowed for a {kind} that is {status}.")
{
    public CaseKind Kind { get; } = kind;
    public CaseStatus Status { get; } = status;
    public CaseAction Action { get; } = action;
    public IReadOnlyList<CaseAction> Allowed { get; } = allowed;
    public string? Reason { get; } = reason;
}
