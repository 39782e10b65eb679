namespace MediationPlatform.Gateway.Proxy;

public sealed class RateLimitSettings
{
    /// <summary>Requests per user (token subject, else client address) per second, sustained.</summary>
    public int PerUserPerSecond { get; set; } = 50;

    /// <summary>Burst allowance per user.</summary>
    public int PerUserBurst { get; set; } = 200;

    /// <summary>Requests without a valid token (answered 401) per client address per second, sustained: a flood of bad tokens.</summary>
    public int PerAddressPerSecond { get; set; } = 100;

    /// <summary>Burst allowance per client address for requests without a valid token.</summary>
    public int PerAddressBurst { get; set; } = 1000;

    /// <summary>Token requests per client address per minute (password guessing).</summary>
    public int TokenPerMinute { get; set; } = 60;
}
