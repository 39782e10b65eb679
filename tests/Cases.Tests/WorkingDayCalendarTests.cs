using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>The working-day calendar over the shipped holiday data (no I/O beyond reading that file).</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly string DataFile = Path.Combine(AppContext.BaseDirectory, "Data", "Calendar", "cn-holidays-2021-2026.json");

    private static WorkingDayCalendar Shipped(Action<int>? onMissingYear = null) => WorkingDayCalendar.FromJson(File.ReadAllText(DataFile), onMissingYear);

    [Theory]
    // 国庆 2021: 1–7 Oct off, Sat 9 Oct worked (调休)
    [InlineData("2021-09-30", 3, "2021-10-11")]
    [InlineData("2021-10-01", 1, "2021-10-08")]
    [InlineData("2021-10-08", 1, "2021-10-09")]
    // Sun 26 Sep 2021 worked
    [InlineData("2021-09-24", 1, "2021-09-26")]
    // 春节 2021: 11–17 Feb off, Sun 7 Feb and Sat 20 Feb worked
    [InlineData("2021-02-10", 1, "2021-02-18")]
    [InlineData("2021-02-10", 3, "2021-02-20")]
    [InlineData("2021-02-06", 1, "2021-02-07")]
    [InlineData("2021-02-10", 5, "2021-02-23")]
    // 春节 2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-14", 1, "2026-02-24")]
    // 元旦 2023 (notice of 2023, starting on Sat 31 Dec 2022): Mon 2 Jan 2023 off
    [InlineData("2022-12-30", 1, "2023-01-03")]
    // 国庆/中秋 2025: 1–8 Oct off, Sat 11 Oct worked
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    // an ordinary week
    [InlineData("2021-03-03", 5, "2021-03-10")]
    [InlineData("2021-03-05", 0, "2021-03-05")]
    public void Adds_working_days_skipping_official_off_days_and_counting_swapped_weekends(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Shipped().AddWorkingDays(DateOnly.Parse(start), days));

    [Theory]
    [InlineData("2024-09-29", true)]  // Sunday, swapped working day
    [InlineData("2024-10-07", false)] // Monday, 国庆
    [InlineData("2024-10-12", true)]  // Saturday, swapped working day
    [InlineData("2024-10-13", false)] // ordinary Sunday
    [InlineData("2023-04-05", false)] // Wednesday, 清明
    [InlineData("2023-04-06", true)]
    [InlineData("2026-01-04", true)]  // Sunday after 元旦 2026, swapped
    public void Knows_each_day(string day, bool working) => Assert.Equal(working, Shipped().IsWorkingDay(DateOnly.Parse(day)));

    [Theory]
    // 23:30 CST on 30 Dec is still 30 Dec: the next working day is Fri 31 Dec
    [InlineData("2021-12-30T23:30:00+08:00", 1, "2021-12-31T23:59:59+08:00")]
    // the same instant seen in UTC an hour later is already 31 Dec CST: 1–3 Jan 2022 off, so Tue 4 Jan
    [InlineData("2021-12-30T16:30:00+00:00", 1, "2022-01-04T23:59:59+08:00")]
    // 23:30 CST on 31 Dec is the old year's last day: three working days are 4, 5, 6 Jan
    [InlineData("2021-12-31T23:30:00+08:00", 3, "2022-01-06T23:59:59+08:00")]
    // 31 Dec 20:00 UTC is 1 Jan 04:00 CST: counting starts from the holiday
    [InlineData("2021-12-31T20:00:00+00:00", 1, "2022-01-04T23:59:59+08:00")]
    public void Counts_from_the_date_in_China_Standard_Time_and_is_due_at_the_end_of_the_day(string from, int days, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Shipped().AddWorkingDays(DateTimeOffset.Parse(from), days));

    [Fact]
    public void A_year_missing_from_the_data_falls_back_to_weekends_only_and_is_reported_once()
    {
        var missing = new List<int>();
        var calendar = Shipped(missing.Add);
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], calendar.Years.Order());
        Assert.False(calendar.Covers(2027));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));   // would be 元旦, but no notice for 2027 yet
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));  // Saturday
        Assert.Equal(new DateOnly(2027, 1, 4), calendar.AddWorkingDays(new DateOnly(2026, 12, 31), 2)); // Fri 1 Jan, Mon 4 Jan
        Assert.Equal([2027], missing);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void Replacement_data_is_read_from_the_same_format_and_contradictions_are_refused()
    {
        const string json = """{ "years": { "2030": { "holidays": [ { "name": "x", "off": ["2030-01-02"], "workdays": ["2030-01-05"] } ] } } }""";
        var calendar = WorkingDayCalendar.FromJson(json);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 1, 5)));
        const string bad = """{ "years": { "2030": { "holidays": [ { "name": "x", "off": ["2030-01-02"], "workdays": ["2030-01-02"] } ] } } }""";
        Assert.Throws<InvalidOperationException>(() => WorkingDayCalendar.FromJson(bad));
    }

    [Theory]
    [InlineData(Agency.Court, false, 3)]
    [InlineData(Agency.Court, true, 3)]
    [InlineData(Agency.Police, true, 5)]
    [InlineData(Agency.PetitionOffice, true, 5)]
    [InlineData(Agency.Police, false, null)]
    public void Referral_response_windows_follow_the_rules(Agency agency, bool whole, int? days) =>
        Assert.Equal(days, ReferralDeadlines.WorkingDaysToRespond(agency, whole));
}

[Collection(CasesCollection.Name)]
public sealed class ReferralRespondByTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task A_referral_shows_its_respondBy_in_working_days_from_the_shipped_calendar()
    {
        Assert.Contains(2026, _f.Services.GetRequiredService<WorkingDayCalendar>().Years); // the data file shipped with the service was loaded
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        async Task<System.Text.Json.JsonElement> Refer(string receivedAt, object body)
        {
            var id = (await Expect(client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute(receivedAt: receivedAt)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
            return (await Expect(client.PostAsJsonAsync($"/api/cases/{id}/referrals", body), HttpStatusCode.Created)).GetProperty("referrals")[0];
        }
        var court = await Refer("2021-09-28T09:00:00+08:00", new { agency = "court", reason = "诉调对接", whole = false, occurredAt = "2021-09-30T10:00:00+08:00" });
        Assert.Equal(DateTimeOffset.Parse("2021-10-11T23:59:59+08:00"), court.GetProperty("respondBy").GetDateTimeOffset());
        var transfer = await Refer("2021-02-08T09:00:00+08:00", new { agency = "police", reason = "可能民转刑", whole = true, occurredAt = "2021-02-10T10:00:00+08:00" });
        Assert.Equal(DateTimeOffset.Parse("2021-02-23T23:59:59+08:00"), transfer.GetProperty("respondBy").GetDateTimeOffset());
        var help = await Refer("2021-02-08T09:00:00+08:00", new { agency = "police", reason = "协助调查", whole = false });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, help.GetProperty("respondBy").ValueKind);
    }
}
