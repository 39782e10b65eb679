using System.Linq.Expressions;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>
/// "Overdue" as a database predicate: the deadline the case runs against in its current status
/// (<see cref="Read.CaseResponse.CurrentDeadline"/>) has passed. Used by the list filter and the scheduled check.
/// </summary>
public static class OverdueRule
{
    public static Expression<Func<Case, bool>> IsOverdue(DateTimeOffset now) => c =>
        (c.Kind == CaseKind.Dispute && (c.Status == CaseStatus.Registered || c.Status == CaseStatus.Assigned || c.Status == CaseStatus.Mediating) && c.MediationDueAt < now)
        || (c.Kind == CaseKind.Petition && c.Status == CaseStatus.Registered && c.AcceptanceDueAt < now)
        || (c.Kind == CaseKind.Petition && c.Status == CaseStatus.Accepted && c.ConclusionDueAt < now)
        || (c.Kind == CaseKind.Petition && c.Status == CaseStatus.UnderReview && c.ReviewDueAt < now);

    public static Expression<Func<Case, bool>> IsNotOverdue(DateTimeOffset now)
    {
        var overdue = IsOverdue(now);
        return Expression.Lambda<Func<Case, bool>>(Expression.Not(overdue.Body), overdue.Parameters);
    }
}
