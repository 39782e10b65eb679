using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// The dispute and petition state machines as plain data (api.md, Cases):
/// dispute <c>registered → assigned → mediating → resolved | unresolved | withdrawn | transferred</c>;
/// petition <c>registered → accepted | not_accepted | transferred → concluded → under_review → review_concluded</c>.
/// Rules that depend on more than the status (no review after a second review) live on <see cref="Case.AllowedActions"/>.
/// </summary>
public static class CaseStateMachine
{
    private static readonly CaseStatus[] OpenDispute = [CaseStatus.Registered, CaseStatus.Assigned, CaseStatus.Mediating];

    /// <summary>(kind, action) → the statuses it is allowed from, and the status it leads to (null: unchanged).</summary>
    private static readonly Dictionary<(CaseKind, CaseAction), (CaseStatus[] From, CaseStatus? To)> Rules = new()
    {
        [(CaseKind.Dispute, CaseAction.StartMediation)] = ([CaseStatus.Registered, CaseStatus.Assigned], CaseStatus.Mediating),
        [(CaseKind.Dispute, CaseAction.Resolve)] = ([CaseStatus.Mediating], CaseStatus.Resolved),
        [(CaseKind.Dispute, CaseAction.Fail)] = ([CaseStatus.Mediating], CaseStatus.Unresolved),
        [(CaseKind.Dispute, CaseAction.Withdraw)] = (OpenDispute, CaseStatus.Withdrawn),
        [(CaseKind.Dispute, CaseAction.Extend)] = ([CaseStatus.Assigned, CaseStatus.Mediating], null),
        [(CaseKind.Dispute, CaseAction.JudicialConfirmation)] = ([CaseStatus.Resolved], null),
        [(CaseKind.Dispute, CaseAction.FollowUp)] = ([CaseStatus.Resolved], null),
        [(CaseKind.Dispute, CaseAction.Refer)] = (OpenDispute, null),
        [(CaseKind.Dispute, CaseAction.Return)] = (OpenDispute, CaseStatus.Transferred),
        [(CaseKind.Petition, CaseAction.Accept)] = ([CaseStatus.Registered], CaseStatus.Accepted),
        [(CaseKind.Petition, CaseAction.NotAccept)] = ([CaseStatus.Registered], CaseStatus.NotAccepted),
        [(CaseKind.Petition, CaseAction.Extend)] = ([CaseStatus.Accepted], null),
        [(CaseKind.Petition, CaseAction.Conclude)] = ([CaseStatus.Accepted], CaseStatus.Concluded),
        [(CaseKind.Petition, CaseAction.Review)] = ([CaseStatus.Concluded, CaseStatus.ReviewConcluded], CaseStatus.UnderReview),
        [(CaseKind.Petition, CaseAction.ConcludeReview)] = ([CaseStatus.UnderReview], CaseStatus.ReviewConcluded),
        [(CaseKind.Petition, CaseAction.Refer)] = ([CaseStatus.Registered, CaseStatus.Accepted], null),
        [(CaseKind.Petition, CaseAction.ToMediation)] = ([CaseStatus.Registered, CaseStatus.Accepted], CaseStatus.Transferred),
    };

    /// <summary>Actions allowed in every status: notes, links between cases, corrections (PATCH).</summary>
    private static bool Always(CaseAction action) => action is CaseAction.Note or CaseAction.Link or CaseAction.Update;

    public static bool IsAllowed(CaseKind kind, CaseStatus status, CaseAction action) =>
        Always(action) || (Rules.TryGetValue((kind, action), out var rule) && rule.From.Contains(status));

    /// <summary>The status after <paramref name="action"/> (unchanged for actions that do not move it).</summary>
    public static CaseStatus NextStatus(CaseKind kind, CaseStatus status, CaseAction action) =>
        IsAllowed(kind, status, action)
            ? (Rules.TryGetValue((kind, action), out var rule) ? rule.To ?? status : status)
            : throw new InvalidOperationException($"{action} is not allowed for a {kind} in status {status}.");

    public static IReadOnlyList<CaseAction> AllowedActions(CaseKind kind, CaseStatus status) =>
        Enum.GetValues<CaseAction>().Where(a => a != CaseAction.Update && IsAllowed(kind, status, a)).ToList(); // PATCH is not a POST action

    /// <summary>The statuses in which a case is still open (not at an end of its state machine).</summary>
    public static bool IsOpen(CaseKind kind, CaseStatus status) => kind == CaseKind.Dispute
        ? OpenDispute.Contains(status)
        : status is CaseStatus.Registered or CaseStatus.Accepted or CaseStatus.UnderReview;
}
