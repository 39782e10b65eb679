using System.Net;
using System.Net.Sockets;

namespace MediationPlatform.Mediators.Features.Webhooks;

/// <summary>The SSRF guard: which webhook targets may be called.</summary>
public static class WebhookTargets
{
    /// <summary>
    /// Loopback, private (RFC 1918, unique-local), link-local, CGNAT, unspecified, multicast and reserved ranges, and the
    /// IPv6 ranges that embed an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible).
    /// </summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
                || b[0] >= 224; // multicast and reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                // addresses that carry an IPv4 address inside, which a translator or tunnel may deliver anywhere — including
                // a private network: NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32,
                // IPv4-compatible ::/96 (deprecated)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
                || (b[0] == 0x20 && b[1] == 0x02)
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
                || b.Take(12).All(x => x == 0)
                || (b[0] == 0x01 && b[1] == 0x00 && b.Skip(2).Take(6).All(x => x == 0)) // discard-only 100::/64
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8); // documentation 2001:db8::/32
        }
        return true;
    }

    /// <summary>Syntax and scheme check (no DNS): null when acceptable, else the reason.</summary>
    public static string? CheckUrl(string? url, bool allowPrivate)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "'webhook.url' must be an absolute http(s) URL.";
        if (url!.Length > 500) return "'webhook.url' must be at most 500 characters.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "'webhook.url' may not carry credentials.";
        if (!allowPrivate && uri.Scheme != Uri.UriSchemeHttps) return "'webhook.url' must use https.";
        return null;
    }

    /// <summary>Registration-time check including DNS: every address the host resolves to must be public.</summary>
    public static async Task<string?> CheckAsync(string? url, bool allowPrivate, CancellationToken ct)
    {
        if (CheckUrl(url, allowPrivate) is { } error) return error;
        if (allowPrivate) return null;
        var uri = new Uri(url!);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return "'webhook.url' host does not resolve.";
        }
        if (addresses.Length == 0) return "'webhook.url' host does not resolve.";
        return addresses.Any(IsForbidden) ? "'webhook.url' resolves to a loopback, private or link-local address." : null;
    }

    /// <summary>
    /// Send-time check after DNS resolution, as the socket connects (so a host that re-resolves to a private address
    /// after registration is still refused): connects only to permitted addresses.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var permitted = allowPrivate ? addresses : addresses.Where(a => !IsForbidden(a)).ToArray();
        if (permitted.Length == 0) throw new WebhookTargetForbiddenException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
