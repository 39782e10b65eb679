using MediationPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.Messaging;

/// <summary>
/// Configuration section <c>Idempotency</c>: the key of the request hashes (base64, 32 bytes) and how long an answer is
/// kept for a retry (records older than <see cref="Retention"/> are deleted by the outbox dispatcher's cleanup).
/// </summary>
public sealed class IdempotencyOptions
{
    public string HashKey { get; set; } = "";
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public byte[] Key => Convert.FromBase64String(HashKey);

    public static IHostApplicationBuilder AddIdempotency(IHostApplicationBuilder builder)
    {
        ProductionGuard.Check(builder, [ProductionGuard.Secret.Named("Idempotency:HashKey")]);
        var options = builder.Configuration.GetSection("Idempotency").Get<IdempotencyOptions>() ?? new IdempotencyOptions();
        if (options.HashKey.Length > 0 ? !IsKey(options.HashKey) : !ProductionGuard.Applies(builder.Environment)) // empty: reported by the guard
            ProductionGuard.Report(builder, ["Idempotency:HashKey must be base64 of at least 32 random bytes"]);
        builder.Services.AddSingleton(options);
        return builder;
    }

    private static bool IsKey(string text)
    {
        try { return Convert.FromBase64String(text).Length >= 32; }
        catch (FormatException) { return false; }
    }
}
