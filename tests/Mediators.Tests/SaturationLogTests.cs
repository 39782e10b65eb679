using MediationPlatform.Mediators.Features.Assignments;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.Mediators.Tests;

/// <summary>
/// Issue 26, item 5: a full town under load wrote one log line per dispute it turned away (65,029 lines in ten minutes).
/// <see cref="SaturationLog"/> writes one line per town and minute, with how many disputes waited since its last line.
/// No database: the log is fed cases directly, on a clock the test moves.
/// </summary>
public sealed class SaturationLogTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Lines : ILogger<SaturationLog>
    {
        public List<(LogLevel Level, IReadOnlyDictionary<string, object?> State)> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add((logLevel, state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : new Dictionary<string, object?>()));
    }

    private static CaseRef Dispute(string town, int n) =>
        new() { CaseId = Guid.CreateVersion7(), Number = $"N-{n}", RegionCode = town + "-v1", TownCode = town };

    [Fact]
    public void A_full_town_is_logged_once_a_minute_with_the_count_not_once_per_dispute()
    {
        var clock = new Clock(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var lines = new Lines();
        var log = new SaturationLog(clock, lines);

        // 600 disputes of one town over 59 seconds, and 5 of another town in the same seconds
        for (var i = 0; i < 600; i++)
        {
            clock.Now = clock.Now.AddMilliseconds(i == 0 ? 0 : 98);
            log.NobodyHasRoom(Dispute("muer", i));
            if (i % 120 == 0) log.NobodyHasRoom(Dispute("tongjing", i));
        }
        string Summary() => string.Join("; ", lines.Written.Take(10).Select(l => $"{l.State["Town"]}={l.State["Count"]}")) + (lines.Written.Count > 10 ? "; …" : "");
        Assert.True(lines.Written.Count == 2, $"expected one line per town in the first minute, saw {lines.Written.Count}: {Summary()}");
        Assert.All(lines.Written, l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.Equal(["muer", "tongjing"], lines.Written.Select(l => (string)l.State["Town"]!).Order().ToArray());

        // a minute after its first line the town's next dispute writes the second, counting everything since the first
        clock.Now = clock.Now.AddSeconds(2);
        log.NobodyHasRoom(Dispute("muer", 600));
        Assert.True(lines.Written.Count == 3, $"expected the minute's summary line, saw {lines.Written.Count}: {Summary()}");
        var second = lines.Written[^1].State;
        Assert.Equal("muer", second["Town"]);
        Assert.Equal(600, second["Count"]); // 599 turned away silently after the first line, and this one
        Assert.Equal("N-600", second["Number"]);
    }
}
