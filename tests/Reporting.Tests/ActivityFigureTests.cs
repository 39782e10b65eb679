using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>Referrals by agency, sessions, risk items and active mediators: CST year of occurredAt, roll-ups, inbox, order.</summary>
public sealed class ActivityFigureTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    private async Task<JsonElement> FiguresAsync(int year, string? region)
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        return (await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}" + (region is null ? "" : $"&regionCode={region}")))
            .GetProperty("figures");
    }

    private static CaseReferred Referred(Guid referralId, Agency agency, string region, string town, DateTimeOffset at) =>
        new(Guid.NewGuid(), 4, at, DateTimeOffset.UtcNow, referralId, agency, "理由", true, "N", "标题", CaseKind.Dispute,
            DisputeCategory.Contract, region, town, "yubei");

    [Fact]
    public async Task Referrals_count_by_agency_in_the_CST_year_of_each_step_despite_duplicates_and_reordering()
    {
        const int year = 2013;
        var now = DateTimeOffset.UtcNow;
        var org = Guid.NewGuid();
        var r1 = Guid.NewGuid(); // police: made, accepted, completed in the year
        var r2 = Guid.NewGuid(); // police: made in the year, declined at 00:30 CST on 1 January of the next year
        var r3 = Guid.NewGuid(); // court (in gulu): made at 23:30 CST on 31 December, accepted in the year
        var r4 = Guid.NewGuid(); // police: made the year before, completed in the year
        var made = new[]
        {
            Referred(r1, Agency.Police, "muer-v01", "muer", T($"{year}-03-01T10:00:00+08:00")),
            Referred(r2, Agency.Police, "muer-v02", "muer", T($"{year}-12-30T10:00:00+08:00")),
            Referred(r3, Agency.Court, "gulu", "gulu", T($"{year}-12-31T23:30:00+08:00")),
            Referred(r4, Agency.Police, "muer-v01", "muer", T($"{year - 1}-12-01T10:00:00+08:00")),
        };
        var steps = new object[]
        {
            new ReferralAccepted(r1, made[0].CaseId, org, "police", T($"{year}-03-02T10:00:00+08:00"), now),
            new ReferralCompleted(r1, made[0].CaseId, org, "police", T($"{year}-04-02T10:00:00+08:00"), now, ReferralOutcome.Resolved, "ok"),
            new ReferralDeclined(r2, made[1].CaseId, org, "police", T($"{year + 1}-01-01T00:30:00+08:00"), now, "不属于"),
            new ReferralAccepted(r3, made[2].CaseId, org, "court", T($"{year}-12-31T23:45:00+08:00"), now),
            new ReferralCompleted(r4, made[3].CaseId, org, "police", T($"{year}-01-05T10:00:00+08:00"), now, ReferralOutcome.Handled, "ok"),
        };
        // outcomes first (before the referral is known), each delivered twice with the same message id
        foreach (var e in steps.Reverse())
        {
            var id = NewId.NextGuid();
            await _f.PublishAsync(e, id);
            await _f.PublishAsync(e, id);
        }
        foreach (var e in made)
        {
            var id = NewId.NextGuid();
            await _f.PublishAsync(e, id);
            await _f.PublishAsync(e, id);
        }
        var ids = new[] { r1, r2, r3, r4 };
        var projected = await Eventually.ValueAsync(() => _f.WithDbAsync(async db => (
                Referrals: await db.Referrals.CountAsync(r => ids.Contains(r.ReferralId)),
                WithOutcome: await db.ReferralOutcomes.CountAsync(r => ids.Contains(r.ReferralId)
                    && (r.AcceptedAt != null || r.DeclinedAt != null || r.CompletedAt != null)),
                FirstCompleted: await db.ReferralOutcomes.AnyAsync(r => r.ReferralId == r1 && r.CompletedAt != null))),
            p => p == (4, 4, true), TimeSpan.FromSeconds(15));
        Assert.True(projected == (4, 4, true), "the 4 referrals and their outcomes should be projected within 15 s; "
            + $"(referrals, with an outcome, r1 completed) = {projected}, expected (4, 4, True)");
        await Task.Delay(300); // let the duplicates arrive too

        var muer = (await FiguresAsync(year, "muer")).GetProperty("referrals");
        var police = muer.GetProperty("police");
        Assert.Equal(2, police.GetProperty("made").GetInt32());      // r1, r2
        Assert.Equal(1, police.GetProperty("accepted").GetInt32());  // r1
        Assert.Equal(0, police.GetProperty("declined").GetInt32());  // r2 declined next year
        Assert.Equal(2, police.GetProperty("completed").GetInt32()); // r1, r4
        Assert.False(muer.TryGetProperty("court", out _));
        var district = (await FiguresAsync(year, "yubei")).GetProperty("referrals");
        Assert.Equal(1, district.GetProperty("court").GetProperty("made").GetInt32());
        Assert.Equal(1, district.GetProperty("court").GetProperty("accepted").GetInt32());
        Assert.Equal(2, district.GetProperty("police").GetProperty("made").GetInt32());
        var village = (await FiguresAsync(year, "muer-v02")).GetProperty("referrals").GetProperty("police");
        Assert.Equal(1, village.GetProperty("made").GetInt32());
        var next = (await FiguresAsync(year + 1, "muer")).GetProperty("referrals").GetProperty("police");
        Assert.Equal(1, next.GetProperty("declined").GetInt32());
        Assert.Equal(0, next.GetProperty("made").GetInt32());
    }

    [Fact]
    public async Task Sessions_risk_items_and_active_mediators_count_per_year_and_region()
    {
        const int year = 2012;
        var now = DateTimeOffset.UtcNow;
        var caseInV02 = Guid.NewGuid();
        await _f.PublishAsync(new CaseRegistered(caseInV02, 1, T($"{year}-01-10T10:00:00+08:00"), now, "N", CaseKind.Dispute,
            DisputeCategory.Contract, null, "muer-v02", "muer", "yubei", CaseSource.Application, CaseChannel.Phone, RiskLevel.Low,
            T($"{year}-01-10T10:00:00+08:00"), 2, null, "u", null));
        var s1 = Guid.NewGuid(); var s2 = Guid.NewGuid(); var s3 = Guid.NewGuid(); var s4 = Guid.NewGuid();
        var events = new object[]
        {
            // s1: scheduled and held in the year (held first: out of order)
            new SessionHeld(s1, Guid.NewGuid(), true, 4, "muer-v01", "muer", "yubei", "m", T($"{year}-02-02T10:00:00+08:00"), now),
            new SessionScheduled(s1, Guid.NewGuid(), [Guid.NewGuid()], null, T($"{year}-02-02T09:00:00+08:00"), T($"{year}-02-02T11:00:00+08:00"),
                "muer-v01", "muer", "yubei", "m", T($"{year}-02-01T10:00:00+08:00"), now),
            // s2: scheduled in the year but did not take place
            new SessionScheduled(s2, Guid.NewGuid(), [], null, T($"{year}-03-02T09:00:00+08:00"), T($"{year}-03-02T11:00:00+08:00"),
                "muer-v01", "muer", "yubei", "m", T($"{year}-03-01T10:00:00+08:00"), now),
            new SessionHeld(s2, Guid.NewGuid(), false, 0, "muer-v01", "muer", "yubei", "m", T($"{year}-03-02T10:00:00+08:00"), now),
            // s3: scheduled at 23:30 CST on 31 December, held on 1 January at 00:30 (next year)
            new SessionScheduled(s3, Guid.NewGuid(), [], null, T($"{year + 1}-01-01T00:00:00+08:00"), T($"{year + 1}-01-01T01:00:00+08:00"),
                "gulu", "gulu", "yubei", "m", T($"{year}-12-31T23:30:00+08:00"), now),
            new SessionHeld(s3, Guid.NewGuid(), true, 2, "gulu", "gulu", "yubei", "m", T($"{year + 1}-01-01T00:30:00+08:00"), now),
            // s4: announced without a region: counts where its case is (muer-v02)
            new SessionScheduled(s4, caseInV02, [], null, T($"{year}-05-02T09:00:00+08:00"), T($"{year}-05-02T11:00:00+08:00"),
                null, null, null, "m", T($"{year}-05-01T10:00:00+08:00"), now),
            // risk items
            new RiskItemClosed(Guid.NewGuid(), s1, "muer-v01", "muer", "yubei", "s", T($"{year}-09-01T10:00:00+08:00"), now),
            new RiskItemOpened(Guid.NewGuid(), s1, year, RiskLevel.High, null, "muer-v01", "muer", "yubei", "s", T($"{year}-01-05T10:00:00+08:00"), now),
            new RiskItemOpened(Guid.NewGuid(), s2, year, RiskLevel.Low, null, "muer-v02", "muer", "yubei", "s", T($"{year}-12-31T23:30:00+08:00"), now),
            new RiskItemClosed(Guid.NewGuid(), s2, "muer-v02", "muer", "yubei", "s", T($"{year + 1}-01-01T00:30:00+08:00"), now),
        };
        foreach (var e in events)
        {
            var id = NewId.NextGuid();
            await _f.PublishAsync(e, id);
            await _f.PublishAsync(e, id); // duplicate delivery
        }
        var projected = await Eventually.ValueAsync(() => _f.WithDbAsync(async db => (
                Sessions: await db.Sessions.CountAsync(s => (s.SessionId == s1 && s.HeldAt != null && s.ScheduledAt != null)
                    || (s.SessionId == s3 && s.HeldAt != null) || (s.SessionId == s4 && s.ScheduledAt != null)),
                S2Scheduled: await db.Sessions.AnyAsync(s => s.SessionId == s2 && s.ScheduledAt != null),
                RiskItems: await db.RiskItems.CountAsync(r => (r.ItemId == s1 || r.ItemId == s2) && r.OpenedAt != null && r.ClosedAt != null),
                Case: await db.CaseFacts.AnyAsync(c => c.CaseId == caseInV02))),
            p => p == (3, true, 2, true), TimeSpan.FromSeconds(15));
        Assert.True(projected == (3, true, 2, true), "the sessions, risk items and case should be projected within 15 s; "
            + $"(s1/s3/s4 complete, s2 scheduled, risk items open and closed, case known) = {projected}, expected (3, True, 2, True)");
        await Task.Delay(300);

        var muer = await FiguresAsync(year, "muer");
        Assert.Equal(3, muer.GetProperty("sessions").GetProperty("scheduled").GetInt32()); // s1, s2, s4
        Assert.Equal(1, muer.GetProperty("sessions").GetProperty("held").GetInt32());      // s1
        Assert.Equal(2, muer.GetProperty("riskItems").GetProperty("opened").GetInt32());
        Assert.Equal(1, muer.GetProperty("riskItems").GetProperty("closed").GetInt32());
        Assert.Equal(1, (await FiguresAsync(year, "muer-v02")).GetProperty("sessions").GetProperty("scheduled").GetInt32()); // s4
        var district = await FiguresAsync(year, "yubei");
        Assert.Equal(4, district.GetProperty("sessions").GetProperty("scheduled").GetInt32());
        Assert.Equal(1, district.GetProperty("sessions").GetProperty("held").GetInt32());
        var nextGulu = await FiguresAsync(year + 1, "gulu");
        Assert.Equal(0, nextGulu.GetProperty("sessions").GetProperty("scheduled").GetInt32());
        Assert.Equal(1, nextGulu.GetProperty("sessions").GetProperty("held").GetInt32());
        Assert.Equal(1, (await FiguresAsync(year + 1, "muer")).GetProperty("riskItems").GetProperty("closed").GetInt32());
    }

    [Fact]
    public async Task Active_mediators_count_the_active_ones_serving_the_region()
    {
        var now = DateTimeOffset.UtcNow;
        var before = await _f.WithDbAsync(db => db.Mediators.CountAsync(m => m.Active && m.RegionCodes.Contains("gulu")));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await _f.PublishAsync(new MediatorRegistered(a, "调解员甲", MediatorKind.FullTime, Guid.NewGuid(), ["gulu"], true, now));
        await _f.PublishAsync(new MediatorRegistered(b, "调解员乙", MediatorKind.Village, Guid.NewGuid(), ["gulu"], false, now));
        var projected = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Mediators.CountAsync(m => (m.MediatorId == a && m.Active) || (m.MediatorId == b && !m.Active))),
            n => n == 2, TimeSpan.FromSeconds(15));
        Assert.True(projected == 2, $"both mediators should be projected, active and inactive, within 15 s; {projected} are");
        Assert.Equal(before + 1, (await FiguresAsync(2020, "gulu")).GetProperty("mediators").GetProperty("active").GetInt32());
    }

    [Fact]
    public void Referral_figures_leave_out_agencies_with_nothing_in_the_year()
    {
        var rows = new[]
        {
            new ReferralRow(Agency.Police, T("2019-06-01T00:00:00+08:00"), null, null, null),
            new ReferralRow(Agency.Court, T("2018-06-01T00:00:00+08:00"), null, null, null),
        };
        var figures = FigureCalculator.Compute(2019, [], rows, [], [], 0, OverdueFigures.None);
        Assert.Equal(["police"], figures.Referrals.Keys);
        Assert.Equal(new ReferralFigures(1, 0, 0, 0), figures.Referrals["police"]);
    }
}
