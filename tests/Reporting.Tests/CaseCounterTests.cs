using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Tests;

/// <summary>The summary reads per-(region, year, metric) counters that move with every write of a case fact.</summary>
public sealed class CaseCounterTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private readonly ReportingFactory _f = fixture.Factory;

    private async Task<JsonElement> DisputesAsync(int year, string region)
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Statistician));
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/reports/summary?year={year}&regionCode={region}");
        return summary.GetProperty("figures").GetProperty("disputes");
    }

    [Fact]
    public async Task Counters_follow_every_change_of_a_fact_and_can_be_recounted_from_the_facts()
    {
        var received = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        foreach (var id in new[] { a, b })
            await _f.PublishAsync(new CaseRegistered(id, 1, received, DateTimeOffset.UtcNow, "N", CaseKind.Dispute, DisputeCategory.Contract, null,
                "gulu", "gulu", "yubei", CaseSource.Application, CaseChannel.Phone, RiskLevel.Low, received, 3, 2000m, "u", null));
        static int InProgress(JsonElement disputes) => disputes.GetProperty("inProgress").GetInt32();
        var registered = await Eventually.ValueAsync(() => DisputesAsync(2024, "gulu"), d => InProgress(d) == 2, TimeSpan.FromSeconds(20));
        Assert.True(InProgress(registered) == 2,
            $"both registered disputes should be in progress within 20 s; the 2024 disputes of gulu are {registered}");

        // resolving one moves it from "in progress" to "resolved" (in the year it happened: 2025 here)
        var resolvedAt = received.AddYears(1);
        await _f.PublishAsync(new CaseResolved(a, 2, resolvedAt, DateTimeOffset.UtcNow, AgreementType.Written, 1500m, true, resolvedAt.AddDays(30)));
        var resolving = await Eventually.ValueAsync(() => DisputesAsync(2024, "gulu"), d => InProgress(d) == 1, TimeSpan.FromSeconds(20));
        Assert.True(InProgress(resolving) == 1,
            $"the resolved dispute should leave 'in progress' within 20 s; the 2024 disputes of gulu are {resolving}");
        var y2024 = await DisputesAsync(2024, "gulu");
        var y2025 = await DisputesAsync(2025, "gulu");
        Assert.Equal(2, y2024.GetProperty("registered").GetInt32());
        Assert.Equal(0, y2024.GetProperty("resolved").GetInt32());
        Assert.Equal(4000m, y2024.GetProperty("amountInvolved").GetDecimal());
        Assert.Equal(6, y2024.GetProperty("peopleInvolved").GetInt32());
        Assert.Equal(2, y2024.GetProperty("bySource").GetProperty("application").GetInt32());
        Assert.Equal(1, y2025.GetProperty("resolved").GetInt32());
        Assert.Equal(1, y2025.GetProperty("escalationPrevented").GetInt32());
        Assert.Equal(1, y2025.GetProperty("byAgreementType").GetProperty("written").GetInt32());
        Assert.Equal(0, y2025.GetProperty("registered").GetInt32());
        var before = y2024.GetRawText() + y2025.GetRawText();

        // the counters are what the summary reads: lose them, and a recount from the fact rows restores the same figures
        await _f.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM case_counters WHERE town_code = 'gulu'"));
        Assert.Equal(0, (await DisputesAsync(2024, "gulu")).GetProperty("registered").GetInt32());
        await _f.WithDbAsync(db => CaseCounters.RecountAsync(db, CancellationToken.None));
        Assert.Equal(before, (await DisputesAsync(2024, "gulu")).GetRawText() + (await DisputesAsync(2025, "gulu")).GetRawText());
        Assert.Equal(0, await _f.WithDbAsync(db => db.CaseCounters.CountAsync(c => c.Value < 0)));
    }
}
