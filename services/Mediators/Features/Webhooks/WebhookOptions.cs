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

    /// <summary>
    /// How long a replaced webhook secret goes on signing beside the new one (<c>X-Signature-Previous</c>), so that an
    /// agency can switch its own system within that time without a delivery failing verification. Zero ends it at once.
    /// </summary>
    public TimeSpan SecretRotationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Rounds (one pipeline execution each: up to 1 + MaxRetries attempts) before a delivery is marked failed.</summary>
    public int MaxRounds { get; set; } = 8;
}
