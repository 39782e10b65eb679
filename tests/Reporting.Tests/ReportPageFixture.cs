using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// A realistic year for the report page: 2021 in 木耳镇 with its 18 sample villages and communities (deploy/seed-demo.sh),
/// about a hundred disputes spread over the months (some villages with 1 or 2, so small cells show), a few resolved
/// only in 2022 and a few received in 2020 and resolved in 2021, petitions concluded on time or late, mediators,
/// sessions and risk items — all through the projections, generated from a fixed seed. Published once (muer, 2021).
/// </summary>
public sealed class ReportPageFixture : ReportingFixture
{
    public const int Year = 2021;
    public const string Town = "muer";

    public static readonly IReadOnlyList<(string Code, string Name, RegionKind Kind)> Villages =
    [
        ("muer-c01", "木耳社区", RegionKind.Community), ("muer-c02", "新街社区", RegionKind.Community),
        ("muer-v01", "金刚村", RegionKind.Village), ("muer-v02", "白云村", RegionKind.Village), ("muer-v03", "石庙村", RegionKind.Village),
        ("muer-v04", "大湾村", RegionKind.Village), ("muer-v05", "新华村", RegionKind.Village), ("muer-v06", "高堡村", RegionKind.Village),
        ("muer-v07", "太平村", RegionKind.Village), ("muer-v08", "双柏村", RegionKind.Village), ("muer-v09", "龙井村", RegionKind.Village),
        ("muer-v10", "花园村", RegionKind.Village), ("muer-v11", "石院村", RegionKind.Village), ("muer-v12", "黄桷村", RegionKind.Village),
        ("muer-v13", "长岭村", RegionKind.Village), ("muer-v14", "观音村", RegionKind.Village), ("muer-v15", "青杠村", RegionKind.Village),
        ("muer-v16", "土地村", RegionKind.Village),
    ];

    /// <summary>Disputes received in the year, per village (in the order above): 1 and 2 are published as "&lt;3".</summary>
    private static readonly int[] DisputesPerVillage = [12, 9, 2, 7, 14, 5, 1, 8, 6, 11, 3, 0, 4, 10, 7, 2, 9, 5];

    /// <summary>What was generated, to check the figures against without the service's code.</summary>
    public sealed record Dispute(string Village, DisputeCategory Category, DateTimeOffset ReceivedAt, DateTimeOffset? ResolvedAt);

    public List<Dispute> Disputes { get; } = [];

    /// <summary>The snapshot the POST returned (its <c>figures</c> are what every published form must show).</summary>
    public JsonElement Snapshot { get; private set; }

    public JsonElement Figures => Snapshot.GetProperty("figures");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // 渝北区, 木耳镇, 金刚村, 白云村, 古路镇
        var now = DateTimeOffset.UtcNow;
        foreach (var (code, name, kind) in Villages.Where(v => v.Code is not ("muer-v01" or "muer-v02")))
            await Factory.PublishAsync(new RegionRegistered(code, name, kind, Town, Town, "yubei", now));

        var random = new Random(Year);
        var cst = TimeSpan.FromHours(8);
        DateTimeOffset Day(int year, int dayOfYear, int hour) => new DateTimeOffset(year, 1, 1, hour, 0, 0, cst).AddDays(dayOfYear);
        DisputeCategory[] categories =
        [
            DisputeCategory.Neighbourhood, DisputeCategory.Neighbourhood, DisputeCategory.Neighbourhood, DisputeCategory.MarriageFamily,
            DisputeCategory.MarriageFamily, DisputeCategory.HousingHomestead, DisputeCategory.LandForest, DisputeCategory.Contract,
            DisputeCategory.Damages, DisputeCategory.Labour, DisputeCategory.TrafficAccident, DisputeCategory.PropertyManagement,
        ];
        CaseSource[] sources = [CaseSource.Application, CaseSource.Application, CaseSource.Application, CaseSource.Screening,
            CaseSource.Screening, CaseSource.PoliceTransfer, CaseSource.CourtEntrusted, CaseSource.GovernmentAssigned];
        var events = new List<object>();
        var expectedVersions = new Dictionary<Guid, int>();
        var sessions = 0;

        void AddDispute(string village, DateTimeOffset received)
        {
            var id = Guid.NewGuid();
            var category = categories[random.Next(categories.Length)];
            events.Add(new CaseRegistered(id, 1, received, now, "N", CaseKind.Dispute, category, null, village, Town, "yubei",
                sources[random.Next(sources.Length)], CaseChannel.WalkIn, RiskLevel.Low, received, 2 + random.Next(4),
                random.Next(0, 4) == 0 ? 0m : 500m * random.Next(1, 40), "u", null));
            expectedVersions[id] = 1;
            DateTimeOffset? resolvedAt = null;
            var outcome = random.Next(20);
            var at = received.AddDays(3 + random.Next(40));
            if (outcome < 15)
            {
                resolvedAt = at;
                events.Add(new CaseResolved(id, 2, at, now, random.Next(3) == 0 ? AgreementType.Oral : AgreementType.Written, null,
                    random.Next(5) == 0, at.AddDays(30)));
                events.Add(new SessionHeld(Guid.NewGuid(), id, true, 3, village, Town, "yubei", "u", at.AddHours(-2), now));
                sessions++;
                expectedVersions[id] = 2;
            }
            else if (outcome < 17)
            {
                events.Add(new CaseUnresolved(id, 2, at, now, AdvisedRoute.Litigation));
                expectedVersions[id] = 2;
            }
            else if (outcome < 18)
            {
                events.Add(new CaseWithdrawn(id, 2, at, now));
                expectedVersions[id] = 2;
            }
            Disputes.Add(new Dispute(village, category, received, resolvedAt));
        }

        for (var v = 0; v < Villages.Count; v++)
            for (var i = 0; i < DisputesPerVillage[v]; i++)
                AddDispute(Villages[v].Code, Day(Year, random.Next(365), 8 + random.Next(10)));
        // received late in 2020: count as resolved in 2021 when resolved then, not as registered
        for (var i = 0; i < 5; i++) AddDispute(Villages[random.Next(Villages.Count)].Code, Day(Year - 1, 355 + random.Next(10), 9));

        for (var i = 0; i < 36; i++)
        {
            var id = Guid.NewGuid();
            var received = Day(Year, random.Next(300), 10);
            var village = Villages[random.Next(Villages.Count)].Code;
            events.Add(new CaseRegistered(id, 1, received, now, "N", CaseKind.Petition, DisputeCategory.Other,
                (PetitionType)random.Next(3), village, Town, "yubei", CaseSource.Application, CaseChannel.Letter, RiskLevel.Low, received, 1, null, "u", null));
            events.Add(new PetitionAccepted(id, 2, received.AddDays(5), now, received.AddDays(65)));
            expectedVersions[id] = 2;
            if (i % 6 != 5)
            {
                events.Add(new PetitionConcluded(id, 3, received.AddDays(20 + random.Next(60)), now, (Opinion)random.Next(3), i % 7 != 3));
                expectedVersions[id] = 3;
            }
        }

        var mediators = new List<MediatorRegistered>();
        for (var i = 0; i < 3; i++)
            mediators.Add(new MediatorRegistered(Guid.NewGuid(), $"专职调解员{i + 1}（样例）", MediatorKind.FullTime, Guid.NewGuid(), [Town], true, now));
        foreach (var (code, name, _) in Villages)
            mediators.Add(new MediatorRegistered(Guid.NewGuid(), $"{name}调解员（样例）", MediatorKind.Village, Guid.NewGuid(), [code], true, now));
        events.AddRange(mediators);

        var register = Guid.NewGuid();
        var closed = 0;
        for (var i = 0; i < 34; i++)
        {
            var item = Guid.NewGuid();
            var village = Villages[i % Villages.Count].Code;
            var opened = Day(Year, random.Next(200), 9);
            events.Add(new RiskItemOpened(register, item, Year, RiskLevel.Medium, null, village, Town, "yubei", "u", opened, now));
            if (i % 8 == 7) continue;
            events.Add(new RiskItemClosed(register, item, village, Town, "yubei", "u", opened.AddDays(30 + random.Next(100)), now));
            closed++;
        }

        foreach (var e in events) await Factory.PublishAsync(e);
        var ids = expectedVersions.Keys.ToList();
        var projected = await Eventually.TrueAsync(() => Factory.WithDbAsync(async db =>
            (await db.CaseFacts.Where(f => ids.Contains(f.CaseId) && f.Registered).Select(f => new { f.CaseId, f.Version }).ToListAsync())
                .Count(f => f.Version == expectedVersions[f.CaseId]) == ids.Count
            && await db.Sessions.CountAsync() == sessions
            && await db.RiskItems.CountAsync() == 34 && await db.RiskItems.CountAsync(r => r.ClosedAt != null) == closed
            && await db.Mediators.CountAsync() == mediators.Count
            && await db.Regions.CountAsync() == 5 + Villages.Count - 2), TimeSpan.FromSeconds(60));
        if (!projected) throw new InvalidOperationException("report page fixture not projected");

        using var client = Factory.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var response = await client.PostAsync($"/api/reports/annual/{Year}?regionCode={Town}", null);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"snapshot not made: {response.StatusCode}");
        Snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
