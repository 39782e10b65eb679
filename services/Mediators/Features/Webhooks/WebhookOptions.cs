namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Allow http and loopback/private/link-local targets (a local listener). null = true only in the Development and
    /// Testing environments; Production keeps the default false: https only, public addresses only.
    /// </summary>
    public bool? AllowPrivateTargets { get; set; }

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public int BreakerMinimumThroughput { get; set; } = 4;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rounds (one pipeline execution each: up to 1 + MaxRetries attempts) before a delivery is marked failed.</summary>
    public int MaxRounds { get; set; } = 8;
}
