using MediationPlatform.Mediators.Data;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Mediators;

/// <summary>
/// A mediator's phone is personal data: in full for admins and for readers whose regions cover one of the regions the
/// mediator serves (their own town's supervisors, colleagues, petition officers); masked for everyone else.
/// </summary>
public static class PhoneVisibility
{
    public static async Task<Func<Mediator, bool>> ForAsync(MediatorsDbContext db, CurrentUser reader, IReadOnlyCollection<Mediator> mediators, CancellationToken ct)
    {
        if (reader.IsAdmin) return _ => true;
        var codes = mediators.SelectMany(m => m.RegionCodes).Distinct().ToList();
        var paths = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Path, ct);
        return m => m.RegionCodes.Any(code => paths.TryGetValue(code, out var place) && reader.Covers(place));
    }
}
