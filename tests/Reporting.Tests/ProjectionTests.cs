using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

public sealed class ReportingFactory : ServiceFactory<Program>
{
    private ReportingFactory(TestInfrastructure i, TestDatabase d, TestVirtualHost v, IDictionary<string, string?>? extra)
        : base(i, d, v, "Reporting", extra) { }

    public static Task<ReportingFactory> StartAsync(IDictionary<string, string?>? extra = null) =>
        CreateAsync("reporting", (i, d, v) => new ReportingFactory(i, d, v, extra));

    public Task<T> WithDbAsync<T>(Func<ReportingDbContext, Task<T>> action) => WithDbAsync<ReportingDbContext, T>(action);
}

public class ReportingFixture : IAsyncLifetime
{
    public ReportingFactory Factory { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Factory = await ReportingFactory.StartAsync(Settings);
        var now = DateTimeOffset.UtcNow;
        await Factory.PublishAsync(new RegionRegistered("yubei", "渝北区", RegionKind.District, null, null, "yubei", now));
        await Factory.PublishAsync(new RegionRegistered("muer", "木耳镇", RegionKind.Town, "yubei", "muer", "yubei", now));
        await Factory.PublishAsync(new RegionRegistered("muer-v01", "金刚村", RegionKind.Village, "muer", "muer", "yubei", now));
        await Factory.PublishAsync(new RegionRegistered("muer-v02", "白云村", RegionKind.Village, "muer", "muer", "yubei", now));
        await Factory.PublishAsync(new RegionRegistered("gulu", "古路镇", RegionKind.Town, "yubei", "gulu", "yubei", now));
        if (!await Eventually.TrueAsync(() => Factory.WithDbAsync(db => db.Regions.CountAsync().ContinueWith(t => t.Result == 5)), TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException("regions not projected");
    }

    public virtual Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

public sealed class ProjectionTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;

    private static CaseRegistered Registered(Guid id, string region, string town, DateTimeOffset receivedAt, CaseKind kind = CaseKind.Dispute,
        DisputeCategory category = DisputeCategory.Neighbourhood) =>
        new(id, 1, receivedAt, DateTimeOffset.UtcNow, "N", kind, category, kind == CaseKind.Petition ? PetitionType.Claim : null,
            region, town, "yubei", CaseSource.Application, CaseChannel.WalkIn, RiskLevel.Low, receivedAt, 2, 1000m, "u", null);

    private async Task<JsonElement> SummaryAsync(int year, string? region, string role = Roles.Statistician, string[]? regions = null)
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(role, regions));
        return await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}" + (region is null ? "" : $"&regionCode={region}"));
    }

    [Fact]
    public async Task Registered_cases_count_in_their_CST_year_and_roll_up_from_village_to_town_and_district()
    {
        const int year = 2017; // a year no other test uses
        var cases = new[]
        {
            Registered(Guid.NewGuid(), "muer-v01", "muer", DateTimeOffset.Parse($"{year}-12-31T23:30:00+08:00")), // still {year}
            Registered(Guid.NewGuid(), "muer-v02", "muer", DateTimeOffset.Parse($"{year}-06-01T10:00:00+08:00"), category: DisputeCategory.LandForest),
            Registered(Guid.NewGuid(), "muer-v02", "muer", DateTimeOffset.Parse($"{year + 1}-01-01T00:30:00+08:00")), // next year (16:30 UTC on 31 Dec)
            Registered(Guid.NewGuid(), "muer-v01", "muer", DateTimeOffset.Parse($"{year}-03-01T10:00:00+08:00"), CaseKind.Petition),
            Registered(Guid.NewGuid(), "gulu", "gulu", DateTimeOffset.Parse($"{year}-03-01T10:00:00+08:00")),
        };
        foreach (var c in cases) await _f.PublishAsync(c);
        var projected = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => cases.Select(c => c.CaseId).Contains(f.CaseId))),
            n => n == 5, TimeSpan.FromSeconds(15));
        Assert.True(projected == 5, $"all 5 registrations should be projected within 15 s; {projected} case facts are");

        var town = (await SummaryAsync(year, "muer")).GetProperty("figures");
        Assert.Equal(2, town.GetProperty("disputes").GetProperty("registered").GetInt32());
        Assert.Equal(1, town.GetProperty("petitions").GetProperty("registered").GetInt32());
        Assert.Equal(1, town.GetProperty("disputes").GetProperty("byCategory").GetProperty("land_forest").GetProperty("registered").GetInt32());
        Assert.Equal(1, town.GetProperty("disputes").GetProperty("byRegion").GetProperty("muer-v01").GetProperty("registered").GetInt32());
        Assert.Equal(1, (await SummaryAsync(year, "muer-v02")).GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32());
        Assert.Equal(3, (await SummaryAsync(year, "yubei")).GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32());
        Assert.Equal(1, (await SummaryAsync(year + 1, "muer")).GetProperty("figures").GetProperty("disputes").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_deliveries_leave_the_figures_unchanged()
    {
        const int year = 2016;
        var id = Guid.NewGuid();
        var registered = Registered(id, "muer-v01", "muer", DateTimeOffset.Parse($"{year}-05-05T10:00:00+08:00"));
        var assigned = new CaseUpdated(id, 2, registered.ReceivedAt, DateTimeOffset.UtcNow, "assigned", CaseStatus.Assigned,
            DisputeCategory.Neighbourhood, RiskLevel.Low, Guid.NewGuid());
        // The newer event first, then the older one, each three times.
        var updateId = NewId.NextGuid();
        var registerId = NewId.NextGuid();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _f.PublishAsync(assigned, updateId)));
        var version = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.CaseFacts.Where(f => f.CaseId == id).Select(f => (int?)f.Version).FirstOrDefaultAsync()), v => v == 2,
            TimeSpan.FromSeconds(10));
        Assert.True(version == 2, $"the newer event should be applied before the older one is sent (within 10 s); the fact's version is {version}");
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _f.PublishAsync(registered, registerId)));

        var known = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.CaseFacts.Where(f => f.CaseId == id).Select(f => (bool?)f.Registered).FirstOrDefaultAsync()),
            r => r == true, TimeSpan.FromSeconds(10));
        Assert.True(known == true, $"the late registration should be applied within 10 s; registered: {known?.ToString() ?? "no fact row"}");
        await Task.Delay(500);
        var fact = await _f.WithDbAsync(db => db.CaseFacts.AsNoTracking().SingleAsync(f => f.CaseId == id));
        Assert.Equal(2, fact.Version);
        Assert.Equal(CaseStatus.Assigned, fact.Status); // the late version-1 event did not roll the status back
        var disputes = (await SummaryAsync(year, "muer")).GetProperty("figures").GetProperty("disputes");
        Assert.Equal(1, disputes.GetProperty("registered").GetInt32());
        Assert.Equal(1, disputes.GetProperty("inProgress").GetInt32());
    }

    [Fact]
    public async Task Events_of_one_case_applied_concurrently_never_roll_the_status_back()
    {
        // MediationStarted (v2) and CaseResolved (v3) of each case arrive together on different queues: the version
        // and status must end at v3/resolved for every case (the fact row is locked while an event is applied).
        const int year = 2010;
        var now = DateTimeOffset.UtcNow;
        var at = DateTimeOffset.Parse($"{year}-04-01T10:00:00+08:00");
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(id => _f.PublishAsync(Registered(id, "muer-v01", "muer", at))));
        var registered = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => ids.Contains(f.CaseId))),
            n => n == ids.Length, TimeSpan.FromSeconds(20));
        Assert.True(registered == ids.Length, $"all {ids.Length} registrations should be projected within 20 s; {registered} case facts are");
        await Task.WhenAll(ids.SelectMany(id => new[]
        {
            _f.PublishAsync(new MediationStarted(id, 2, at.AddHours(1), now)),
            _f.PublishAsync(new CaseResolved(id, 3, at.AddHours(2), now, AgreementType.Written, null, false, now)),
        }));
        var resolved = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => ids.Contains(f.CaseId) && f.ResolvedAt != null)), n => n == ids.Length,
            TimeSpan.FromSeconds(20));
        Assert.True(resolved == ids.Length, $"all {ids.Length} resolutions should be projected within 20 s; {resolved} cases are resolved");
        await Task.Delay(500); // any straggling MediationStarted
        var facts = await _f.WithDbAsync(db => db.CaseFacts.AsNoTracking().Where(f => ids.Contains(f.CaseId)).ToListAsync());
        Assert.All(facts, f => Assert.Equal((3, CaseStatus.Resolved), (f.Version, f.Status)));
        // the counters moved once per event, also where a batch of deliveries was applied in one unit (ADR 0017)
        var disputes = (await SummaryAsync(year, "muer")).GetProperty("figures").GetProperty("disputes");
        Assert.Equal((0, ids.Length, ids.Length), (disputes.GetProperty("inProgress").GetInt32(), disputes.GetProperty("registered").GetInt32(),
            disputes.GetProperty("resolved").GetInt32()));
    }

    [Fact]
    public async Task Only_statisticians_supervisors_admins_and_mediators_of_the_region_see_figures()
    {
        using var police = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, ["muer"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/api/reports/summary?year=2021&regionCode=muer")).StatusCode);
        using var otherTown = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, ["gulu"]));
        Assert.Equal(HttpStatusCode.NotFound, (await otherTown.GetAsync("/api/reports/summary?year=2021&regionCode=muer")).StatusCode);
        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, ["muer"]));
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/api/reports/summary?year=2021&regionCode=muer-v01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mediator.GetAsync("/api/reports/summary")).StatusCode);
        using var anonymous = _f.CreateClient();
        await AuthAssertions.RejectsBadTokensAsync(anonymous, "/api/reports/summary?year=2021");
    }
}

public sealed class OutcomeFigureTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;

    [Fact]
    public async Task Outcomes_count_in_the_CST_year_they_happened_whenever_the_case_was_registered()
    {
        const int year = 2015;
        var t = (string s) => DateTimeOffset.Parse(s);
        var now = DateTimeOffset.UtcNow;
        CaseRegistered Reg(Guid id, string at, CaseKind kind = CaseKind.Dispute) => new(id, 1, t(at), now, "N", kind, DisputeCategory.Contract,
            kind == CaseKind.Petition ? PetitionType.Claim : null, "muer-v01", "muer", "yubei", CaseSource.Application, CaseChannel.Phone,
            RiskLevel.Low, t(at), 3, null, "u", null);
        var a = Guid.NewGuid(); // registered the year before, resolved in the year (written, escalation prevented)
        var b = Guid.NewGuid(); // registered and resolved (oral) in the year, at 23:30 CST on 31 December
        var c = Guid.NewGuid(); // failed in the year
        var d = Guid.NewGuid(); // resolved at 00:30 CST on 1 January of the next year: not in this year
        var p = Guid.NewGuid(); // petition accepted and concluded late in the year
        var events = new object[]
        {
            Reg(a, $"{year - 1}-11-01T10:00:00+08:00"), new CaseResolved(a, 3, t($"{year}-01-10T10:00:00+08:00"), now, AgreementType.Written, 100, true, now),
            Reg(b, $"{year}-12-01T10:00:00+08:00"), new CaseResolved(b, 3, t($"{year}-12-31T23:30:00+08:00"), now, AgreementType.Oral, null, false, now),
            Reg(c, $"{year}-05-01T10:00:00+08:00"), new CaseUnresolved(c, 3, t($"{year}-06-01T10:00:00+08:00"), now, AdvisedRoute.Litigation),
            Reg(d, $"{year}-12-20T10:00:00+08:00"), new CaseResolved(d, 3, t($"{year + 1}-01-01T00:30:00+08:00"), now, AgreementType.Written, null, false, now),
            Reg(p, $"{year}-02-01T10:00:00+08:00", CaseKind.Petition), new PetitionAccepted(p, 2, t($"{year}-02-05T10:00:00+08:00"), now, now),
            new PetitionConcluded(p, 3, t($"{year}-05-01T10:00:00+08:00"), now, Opinion.Support, false),
        };
        foreach (var e in events.Reverse()) await _f.PublishAsync(e); // out of order on purpose
        var ids = new[] { a, b, c, d, p };
        var complete = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => ids.Contains(f.CaseId) && f.Registered && f.Version == 3)), n => n == 5,
            TimeSpan.FromSeconds(15));
        Assert.True(complete == 5, $"all 5 cases should be registered at version 3 within 15 s, whatever the order; {complete} are");

        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var figures = (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer")).GetProperty("figures");
        var disputes = figures.GetProperty("disputes");
        Assert.Equal(3, disputes.GetProperty("registered").GetInt32()); // b, c, d
        Assert.Equal(2, disputes.GetProperty("resolved").GetInt32());   // a, b
        Assert.Equal(1, disputes.GetProperty("unresolved").GetInt32()); // c
        Assert.Equal(0.6667, disputes.GetProperty("successRate").GetDouble(), 4);
        Assert.Equal(1, disputes.GetProperty("escalationPrevented").GetInt32());
        Assert.Equal(1, disputes.GetProperty("byAgreementType").GetProperty("written").GetInt32());
        Assert.Equal(1, disputes.GetProperty("byAgreementType").GetProperty("oral").GetInt32());
        Assert.Equal(2, disputes.GetProperty("byCategory").GetProperty("contract").GetProperty("resolved").GetInt32());
        var petitions = figures.GetProperty("petitions");
        Assert.Equal(1, petitions.GetProperty("accepted").GetInt32());
        Assert.Equal(1, petitions.GetProperty("concluded").GetInt32());
        Assert.Equal(0, petitions.GetProperty("concludedOnTime").GetInt32());
        Assert.Equal(1, petitions.GetProperty("byOpinion").GetProperty("support").GetInt32());
        var next = (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year + 1}&regionCode=muer")).GetProperty("figures");
        Assert.Equal(1, next.GetProperty("disputes").GetProperty("resolved").GetInt32()); // d
    }
}
