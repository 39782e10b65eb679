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

    /// <summary>A system client's tokens carry <c>client:{stamp}</c>, an account's the bare stamp.</summary>
    public const string ClientPrefix = "client:";

    public static string ClientStamp(Guid stamp) => ClientPrefix + stamp;

    private static string ClientKey(string clientId) => ClientPrefix + clientId;

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
        var clients = await db.ServiceClients.AsNoTracking().Where(c => !c.Disabled).Select(c => new { c.ClientId, c.SecurityStamp }).ToListAsync(ct);
        _stamps = new ConcurrentDictionary<string, Guid>(rows.Select(r => KeyValuePair.Create(r.Id.ToString(), r.SecurityStamp))
            .Concat(clients.Select(c => KeyValuePair.Create(ClientKey(c.ClientId), c.SecurityStamp))));
    }

    /// <summary>An administrator changed the account: this instance knows at once.</summary>
    public void Changed(User user)
    {
        var stamps = _stamps;
        if (stamps is null) return;
        if (user.Disabled) stamps.TryRemove(user.Id.ToString(), out _);
        else stamps[user.Id.ToString()] = user.SecurityStamp;
    }

    /// <summary>An administrator disabled a system client or rotated its secret: this instance knows at once.</summary>
    public void Changed(ServiceClient client)
    {
        var stamps = _stamps;
        if (stamps is null) return;
        if (client.Disabled) stamps.TryRemove(ClientKey(client.ClientId), out _);
        else stamps[ClientKey(client.ClientId)] = client.SecurityStamp;
    }

    /// <summary>
    /// Whether a token still speaks for its account or system client (tokens without a stamp claim predate stamps). One not in
    /// the cache (created since the last refresh, or disabled) is read from the database once and cached when enabled.
    /// </summary>
    public async ValueTask<bool> IsCurrentAsync(HttpContext http, string? subject, string? stamp)
    {
        if (stamp is null) return true;
        if (subject is null) return false;
        if (stamp.StartsWith(ClientPrefix, StringComparison.Ordinal)) return await ClientIsCurrentAsync(http, subject, stamp[ClientPrefix.Length..]);
        if (!Guid.TryParse(subject, out var id)) return false;
        var stamps = _stamps;
        if (stamps is not null && stamps.TryGetValue(subject, out var cached)) return cached.ToString() == stamp;
        var db = http.RequestServices.GetRequiredService<GatewayDbContext>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id && !u.Disabled).Select(u => new { u.SecurityStamp })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (row is null) return false;
        stamps?.TryAdd(subject, row.SecurityStamp);
        return row.SecurityStamp.ToString() == stamp;
    }

    private async ValueTask<bool> ClientIsCurrentAsync(HttpContext http, string clientId, string stamp)
    {
        var stamps = _stamps;
        if (stamps is not null && stamps.TryGetValue(ClientKey(clientId), out var cached)) return cached.ToString() == stamp;
        var db = http.RequestServices.GetRequiredService<GatewayDbContext>();
        var row = await db.ServiceClients.AsNoTracking().Where(c => c.ClientId == clientId && !c.Disabled).Select(c => new { c.SecurityStamp })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (row is null) return false;
        stamps?.TryAdd(ClientKey(clientId), row.SecurityStamp);
        return row.SecurityStamp.ToString() == stamp;
    }

    public static string? Subject(HttpContext http) => http.User.FindFirst(ClaimNames.Subject)?.Value;
}
