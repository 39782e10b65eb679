using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// Object-level rules (quality.md), the one home of "who may see, change, register a case": admins everything;
/// supervisors and mediators the cases in their regions; petition officers the petitions in their regions. An
/// accusation (检举控告类) is seen only by admins, supervisors and petition officers: its material must never reach the
/// accused (信访工作条例 Art. 30), and mediators have no need of it. Anything not visible answers 404, so existence does
/// not leak; <see cref="Visible"/> is the same rule as a query filter for lists.
/// </summary>
public static class CaseAccess
{
    public static bool CanSee(CurrentUser user, Case c) => user.IsAdmin || (user.Covers(c.Place) && RoleSees(user, c.Kind, c.PetitionType));

    private static bool RoleSees(CurrentUser user, CaseKind kind, PetitionType? type) =>
        user.IsIn(Roles.Supervisor)
        || (user.IsIn(Roles.PetitionOfficer) && kind == CaseKind.Petition)
        || (user.IsIn(Roles.Mediator) && !(kind == CaseKind.Petition && type == PetitionType.Accusation));

    /// <summary>The cases of a query the caller may see, as SQL (the same rule as <see cref="CanSee"/>).</summary>
    public static IQueryable<Case> Visible(CurrentUser user, IQueryable<Case> query)
    {
        if (user.IsAdmin) return query;
        query = user.InRegions(query);
        if (user.IsIn(Roles.Supervisor)) return query;
        var petitions = user.IsIn(Roles.PetitionOfficer);
        var mediator = user.IsIn(Roles.Mediator);
        return query.Where(c => (petitions && c.Kind == CaseKind.Petition)
            || (mediator && !(c.Kind == CaseKind.Petition && c.PetitionType == PetitionType.Accusation)));
    }

    /// <summary>Who may change a case they can see: admins, supervisors, mediators (disputes), petition officers (petitions).</summary>
    public static bool CanAct(CurrentUser user, Case c) =>
        user.IsAdmin || user.IsIn(Roles.Supervisor)
        || (c.Kind == CaseKind.Dispute && user.IsIn(Roles.Mediator))
        || (c.Kind == CaseKind.Petition && user.IsIn(Roles.PetitionOfficer));

    public static bool CanRegister(CurrentUser user, CaseKind kind) =>
        user.IsAdmin || user.IsIn(Roles.Supervisor)
        || (kind == CaseKind.Dispute && user.IsIn(Roles.Mediator))
        || user.IsIn(Roles.PetitionOfficer);

    /// <summary>
    /// Who may read parties' ID numbers and phones unmasked (and search by ID number): a supervisor of the case's
    /// region, a petition officer for petitions there, the case's own mediator.
    /// </summary>
    public static bool MayUnmask(CurrentUser user, Case c) =>
        (user.IsIn(Roles.Supervisor) && user.Covers(c.Place))
        || (user.IsIn(Roles.PetitionOfficer) && c.Kind == CaseKind.Petition && user.Covers(c.Place))
        || (user.IsIn(Roles.Mediator) && user.MediatorId is { } m && c.AssignedMediatorId == m);
}
