using MediationPlatform.BuildingBlocks.Auth;
using MediationPlatform.BuildingBlocks.Web;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Features.Summary;

public static class SummaryEndpoints
{
    public static void MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports (统计)");
        group.MapGet("/summary", Summary)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Statistician, Roles.Supervisor, Roles.Mediator))
            .WithSummary("Live figures for a year (China Standard Time) and a region (a town rolls up its villages, a district its towns)")
            .WithDescription("No personal data. Statisticians and admins see every region; supervisors and mediators only regions their token covers.");
    }

    private static async Task<Results<Ok<SummaryResponse>, ValidationProblem, NotFound>> Summary(
        int? year, string? regionCode, ReportingDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (year is null or < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["'year' is required (2000–2100)."] });
        RegionNode? region = null;
        if (!string.IsNullOrEmpty(regionCode))
        {
            region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, ct);
            if (region is null) return TypedResults.NotFound();
        }
        var seesAll = user.IsAdmin || user.IsIn(Roles.Statistician);
        if (!seesAll && (region is null || !user.Covers(region.Code, region.TownCode, region.DistrictCode)))
            return TypedResults.NotFound();

        var facts = db.CaseFacts.AsNoTracking().Where(f => f.Registered);
        if (region is not null)
            facts = facts.Where(f => f.RegionCode == region.Code || f.TownCode == region.Code || f.DistrictCode == region.Code);
        var registered = await facts.Where(f => f.ReceivedYear == year)
            .Select(f => new { f.Kind, f.Category, f.PetitionType, f.Source, f.Channel, f.RegionCode, f.PartyCount, f.AmountInvolved, f.Status })
            .ToListAsync(ct);
        var disputes = registered.Where(f => f.Kind == CaseKind.Dispute).ToList();
        var petitions = registered.Where(f => f.Kind == CaseKind.Petition).ToList();

        var mediators = db.Mediators.AsNoTracking().Where(m => m.Active);
        if (region is not null)
        {
            var codes = await db.Regions.AsNoTracking()
                .Where(r => r.Code == region.Code || r.TownCode == region.Code || r.DistrictCode == region.Code)
                .Select(r => r.Code).ToListAsync(ct);
            mediators = mediators.Where(m => m.RegionCodes.Any(c => codes.Contains(c)));
        }

        var figures = new Figures(
            new DisputeFigures(
                Registered: disputes.Count, Resolved: 0, Unresolved: 0, Withdrawn: 0, Transferred: 0,
                InProgress: disputes.Count(d => d.Status is CaseStatus.Registered or CaseStatus.Assigned or CaseStatus.Mediating),
                SuccessRate: null,
                AmountInvolved: disputes.Sum(d => d.AmountInvolved ?? 0),
                PeopleInvolved: disputes.Sum(d => d.PartyCount),
                EscalationPrevented: 0,
                ByCategory: disputes.GroupBy(d => Name(d.Category)).ToDictionary(g => g.Key, g => new CategoryFigures(g.Count(), 0)),
                BySource: disputes.GroupBy(d => Name(d.Source)).ToDictionary(g => g.Key, g => g.Count()),
                ByChannel: disputes.GroupBy(d => Name(d.Channel)).ToDictionary(g => g.Key, g => g.Count()),
                ByRegion: disputes.GroupBy(d => d.RegionCode).ToDictionary(g => g.Key, g => new RegionFigures(g.Count(), 0)),
                ByAgreementType: new Dictionary<string, int> { ["written"] = 0, ["oral"] = 0 }),
            new PetitionFigures(
                Registered: petitions.Count, Accepted: 0, NotAccepted: 0, Transferred: 0, Concluded: 0, ConcludedOnTime: 0,
                OnTimeRate: null,
                ByType: petitions.Where(p => p.PetitionType is not null).GroupBy(p => Name(p.PetitionType!.Value)).ToDictionary(g => g.Key, g => g.Count()),
                ByOpinion: new Dictionary<string, int>(),
                ReviewsRequested: 0),
            new Dictionary<string, ReferralFigures>(),
            new SessionFigures(0, 0),
            new RiskItemFigures(0, 0),
            new MediatorFigures(await mediators.CountAsync(ct)));
        return TypedResults.Ok(new SummaryResponse(year.Value, region?.Code, DateTimeOffset.UtcNow, figures));
    }

    private static string Name<T>(T value) where T : struct, Enum => SnakeEnum.Name(value);
}
