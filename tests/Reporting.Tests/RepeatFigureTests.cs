using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// <c>petitions.repeat</c>: petitions received in the year that are linked <c>repeat_of</c> another (CaseLinked), counted once
/// however often they are linked, in the China-time year of receipt; <c>related</c> links and repeated disputes do not count.
/// </summary>
public sealed class RepeatFigureTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;

    private static CaseRegistered Registered(Guid id, DateTimeOffset receivedAt, CaseKind kind) =>
        new(id, 1, receivedAt, DateTimeOffset.UtcNow, "N", kind, DisputeCategory.LandForest, kind == CaseKind.Petition ? PetitionType.Claim : null,
            "muer-v01", "muer", "yubei", CaseSource.Application, CaseChannel.Letter, RiskLevel.Low, receivedAt, 1, null, "u", null);

    private async Task<JsonElement> PetitionsAsync(int year)
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode=muer");
        return summary.GetProperty("figures").GetProperty("petitions");
    }

    [Fact]
    public async Task Petitions_linked_as_repeat_of_count_once_in_their_China_time_year_of_receipt()
    {
        // 31 Dec 2018 23:30 CST is 2018 in China (15:30 UTC): the repeat counts in 2018, not 2019
        var lateNight = new DateTimeOffset(2018, 12, 31, 23, 30, 0, TimeSpan.FromHours(8));
        var original = Guid.NewGuid();
        var repeat = Guid.NewGuid();
        var related = Guid.NewGuid();
        var disputeRepeat = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(Registered(original, lateNight.AddMonths(-6), CaseKind.Petition));
        await _f.PublishAsync(Registered(repeat, lateNight, CaseKind.Petition));
        await _f.PublishAsync(Registered(related, lateNight, CaseKind.Petition));
        await _f.PublishAsync(Registered(disputeRepeat, lateNight, CaseKind.Dispute));
        // the link may arrive before the registration; twice (a second link to another case) still counts once
        await _f.PublishAsync(new CaseLinked(repeat, 2, lateNight.AddDays(1), now, original, CaseRelation.RepeatOf));
        await _f.PublishAsync(new CaseLinked(repeat, 3, lateNight.AddDays(2), now, related, CaseRelation.RepeatOf));
        await _f.PublishAsync(new CaseLinked(related, 2, lateNight.AddDays(1), now, original, CaseRelation.Related));
        await _f.PublishAsync(new CaseLinked(disputeRepeat, 2, lateNight.AddDays(1), now, Guid.NewGuid(), CaseRelation.RepeatOf));

        var repeats = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.CaseFacts.CountAsync(f => f.RepeatOf && f.Registered)), n => n == 2,
            TimeSpan.FromSeconds(20));
        Assert.True(repeats == 2, $"the repeat petition and the repeated dispute should be registered repeats within 20 s; {repeats} are");
        var y2018 = await PetitionsAsync(2018);
        Assert.Equal(1, y2018.GetProperty("repeat").GetInt32());
        Assert.Equal(3, y2018.GetProperty("registered").GetInt32());
        Assert.Equal(0, (await PetitionsAsync(2019)).GetProperty("repeat").GetInt32());
        // the link is not a step: the repeat petition is still "registered"
        Assert.Equal("Registered", (await _f.WithDbAsync(db => db.CaseFacts.AsNoTracking().FirstAsync(f => f.CaseId == repeat))).Status.ToString());
    }
}
