using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MediationPlatform.ServiceDefaults.Observability;

namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>
/// <c>mediation.overdue</c>: the open cases and pending referrals past their legal deadline now, by
/// <c>kind</c> (dispute, petition, referral) — refreshed by each round of <see cref="OverdueCheck"/>.
/// </summary>
public sealed class DeadlineMetrics
{
    private readonly ConcurrentDictionary<string, long> _overdue = new(StringComparer.Ordinal);

    public DeadlineMetrics() =>
        Telemetry.Meter.CreateObservableGauge("mediation.overdue", () => _overdue.Select(kv =>
            new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("kind", kv.Key))), "{case}",
            "Open cases and pending referrals past their deadline");

    public void Set(string kind, long count) => _overdue[kind] = count;
}
