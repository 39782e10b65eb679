using System.Collections.Concurrent;
using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediationPlatform.Gateway.Accounts;

/// <summary>
/// The current security stamp of every account, re-read every <see cref="AccountOptions.RevocationRefresh"/> (and at
/// once on this instance when an administrator changes an account). A token issued before a change — its <c>stamp</c>
/// claim no longer current — or to a disabled or deleted account is refused by <see cref="RevocationMiddleware"/>:
/// disabling a user or changing their roles takes effect within the refresh interval on every gateway (ADR 0015).
/// </summary>
public sealed class TokenRevocation(IServiceScopeFactory scopes, IOptions<AccountOptions> options, ILogger<TokenRevocation> logger)
    : BackgroundLoop(logger)
{
    public const string StampClaim = "stamp";

    private volatile ConcurrentDictionary<string, Guid>? _stamps; // user id → stamp, enabled accounts only

    protected override TimeSpan Interval => options.Value.RevocationRefresh;

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        await RefreshAsync(ct);
        return false;
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var rows = await db.Users.AsNoTracking().Where(u => !u.Disabled).Select(u => new { u.Id, u.SecurityStamp }).ToListAsync(ct);
        _stamps = new ConcurrentDictionary<string, Guid>(rows.ToDictionary(r => r.Id.ToString(), r => r.SecurityStamp));
    }

    /// <summary>An administrator changed the account: this instance knows at once.</summary>
    public void Changed(User user)
    {
        var stamps = _stamps;
        if (stamps is null) return;
        if (user.Disabled) stamps.TryRemove(user.Id.ToString(), out _);
        else stamps[user.Id.ToString()] = user.SecurityStamp;
    }

    /// <summary>
    /// Whether a token still speaks for its account: system clients (no stamp claim) are not accounts. An account not in
    /// the cache (created since the last refresh, or disabled) is read from the database once and cached when enabled.
    /// </summary>
    public async ValueTask<bool> IsCurrentAsync(HttpContext http, string? subject, string? stamp)
    {
        if (stamp is null) return true;
        if (subject is null || !Guid.TryParse(subject, out var id)) return false;
        var stamps = _stamps;
        if (stamps is not null && stamps.TryGetValue(subject, out var cached)) return cached.ToString() == stamp;
        var db = http.RequestServices.GetRequiredService<GatewayDbContext>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id && !u.Disabled).Select(u => new { u.SecurityStamp })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (row is null) return false;
        stamps?.TryAdd(subject, row.SecurityStamp);
        return row.SecurityStamp.ToString() == stamp;
    }

    public static string? Subject(HttpContext http) => http.User.FindFirst(ClaimNames.Subject)?.Value;
}
