using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features;

/// <summary>Object-level rules (quality.md): who may see a case. Anything else answers 404, so existence does not leak.</summary>
public static class CaseAccess
{
    public static bool CanSee(CurrentUser user, Case c)
    {
        if (user.IsAdmin) return true;
        var inRegion = user.Covers(c.RegionCode, c.TownCode, c.DistrictCode);
        if (user.IsIn(Roles.Supervisor) && inRegion) return true;
        if (user.IsIn(Roles.Mediator) && inRegion) return true;
        if (user.IsIn(Roles.PetitionOfficer) && inRegion && c.Kind == CaseKind.Petition) return true;
        return false;
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
}
