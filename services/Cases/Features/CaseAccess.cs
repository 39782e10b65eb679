using MediationPlatform.BuildingBlocks.Auth;
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

    public static bool CanRegister(CurrentUser user, CaseKind kind) =>
        user.IsAdmin || user.IsIn(Roles.Supervisor)
        || (kind == CaseKind.Dispute && user.IsIn(Roles.Mediator))
        || user.IsIn(Roles.PetitionOfficer);
}
