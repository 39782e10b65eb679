using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>The actions of api.md, named as in their routes.</summary>
public enum CaseAction
{
    StartMediation, Resolve, Fail, Withdraw, Extend, JudicialConfirmation, FollowUp,
    Accept, NotAccept, Conclude, Review, ConcludeReview, Refer, Note,

    /// <summary>PATCH /api/cases/{id}: corrections of title, description, category, risk level and parties.</summary>
    Update,
}

/// <summary>
/// The dispute and petition state machines as plain data (api.md, Cases):
/// dispute <c>registered → assigned → mediating → resolved | unresolved | withdrawn | transferred</c>;
/// petition <c>registered → accepted | not_accepted | transferred → concluded → under_review → review_concluded</c>.
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
        [(CaseKind.Petition, CaseAction.Accept)] = ([CaseStatus.Registered], CaseStatus.Accepted),
        [(CaseKind.Petition, CaseAction.NotAccept)] = ([CaseStatus.Registered], CaseStatus.NotAccepted),
        [(CaseKind.Petition, CaseAction.Extend)] = ([CaseStatus.Accepted], null),
        [(CaseKind.Petition, CaseAction.Conclude)] = ([CaseStatus.Accepted], CaseStatus.Concluded),
        [(CaseKind.Petition, CaseAction.Review)] = ([CaseStatus.Concluded, CaseStatus.ReviewConcluded], CaseStatus.UnderReview),
        [(CaseKind.Petition, CaseAction.ConcludeReview)] = ([CaseStatus.UnderReview], CaseStatus.ReviewConcluded),
        [(CaseKind.Petition, CaseAction.Refer)] = ([CaseStatus.Registered, CaseStatus.Accepted], null),
    };

    /// <summary>Notes and corrections (PATCH) are allowed in every status.</summary>
    public static bool IsAllowed(CaseKind kind, CaseStatus status, CaseAction action) =>
        action is CaseAction.Note or CaseAction.Update || (Rules.TryGetValue((kind, action), out var rule) && rule.From.Contains(status));

    public static CaseStatus NextStatus(CaseKind kind, CaseStatus status, CaseAction action) =>
        IsAllowed(kind, status, action)
            ? (Rules.TryGetValue((kind, action), out var rule) ? rule.To ?? status : status)
            : throw new InvalidOperationException($"{action} is not allowed for a {kind} in status {status}.");

    public static IReadOnlyList<CaseAction> AllowedActions(CaseKind kind, CaseStatus status) =>
        Enum.GetValues<CaseAction>().Where(a => a != CaseAction.Update && IsAllowed(kind, status, a)).ToList(); // PATCH is not a POST action
}
