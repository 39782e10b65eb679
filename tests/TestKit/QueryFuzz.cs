using System.Text;
using System.Text.Json;

namespace MediationPlatform.TestKit;

/// <summary>
/// The fuzz of the reads, shared by the services' tests: GET routes with seeded random query strings (each known
/// parameter given odd values — overflowing and negative numbers, non-numbers, bad dates and GUIDs, `%` `_` and SQL,
/// control and non-BMP characters, huge strings, repeated and unknown parameters) and random route values (bad GUIDs,
/// encoded slashes and dots, huge segments). A finding is a 5xx, or a 400 that is not problem details.
/// </summary>
public static class QueryFuzz
{
    /// <summary>A GET route: <c>{id}</c> in the template is replaced by a real id or an odd segment.</summary>
    public sealed record Route(string Template, params string[] Parameters);

    public sealed record Result(Dictionary<int, int> Statuses, string Failures)
    {
        public int Sent => Statuses.Values.Sum();
        public string Summary => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
    }

    public static readonly string[] Odd =
    [
        "", " ", "0", "-1", "-2147483648", "2147483647", "2147483648", "99999999999999999999", "1e309", "NaN", "0x10", "1.5", "true", "null",
        "%", "%%", "_", "\\", "'", "\"", "' OR 1=1 --", "'; DROP TABLE cases; --", "<script>alert(1)</script>", "${jndi:ldap://x}",
        "2021-13-45", "2021-02-30T25:61:00+08:00", "0001-01-01", "9999-12-31T23:59:59+14:00", "-0001-01-01", "1616161616",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "{00000000-0000-0000-0000-000000000000}", "\u0000", "\u0007\u001b[31m",
        "😀😀😀", "\uD800", "木耳镇", new string('a', 5000), new string('%', 300), "dispute", "petition", "registered", "muer", "low",
    ];

    // (no %00 in a path: Kestrel refuses it with 400 before routing; the in-memory test server cannot even send it)
    public static readonly string[] OddSegments =
    [
        "zzzz", "00000000-0000-0000-0000-000000000000", "%2F", "..", "%2E%2E", "a%20b", new string('f', 3000),
        "01a228be-ec15-7c86-a345-2a55f4c7a95f%2F..", "%E0%A4%A", "-1", "😀",
    ];

    public static async Task<Result> RunAsync(HttpClient client, IReadOnlyList<Route> routes, string realId, int seed, int perRoute)
    {
        var rng = new Random(seed);
        var failures = new StringBuilder();
        var statuses = new Dictionary<int, int>();
        foreach (var route in routes)
        {
            for (var i = 0; i < perRoute; i++)
            {
                var id = rng.Next(3) == 0 ? OddSegments[rng.Next(OddSegments.Length)] : realId;
                var path = route.Template.Replace("{id}", id);
                var query = new List<string>();
                if (route.Parameters.Length > 0)
                    for (var n = rng.Next(1, 5); n > 0; n--)
                    {
                        var name = rng.Next(15) == 0 ? "unknown" : route.Parameters[rng.Next(route.Parameters.Length)];
                        var value = Odd[rng.Next(Odd.Length)];
                        // mostly encoded as a client would; sometimes raw, as an attacker would
                        query.Add($"{name}={(rng.Next(6) == 0 ? value.Replace("&", "").Replace("#", "") : Uri.EscapeDataString(value.Replace("\uD800", "x")))}");
                    }
                var url = query.Count == 0 ? path : path + "?" + string.Join("&", query);
                HttpResponseMessage response;
                try
                {
                    response = await client.GetAsync(url);
                }
                catch (UriFormatException)
                {
                    continue; // the client itself refuses to send it
                }
                using (response)
                {
                    var status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    var body = await response.Content.ReadAsStringAsync();
                    var shown = url[..Math.Min(url.Length, 300)];
                    if (status >= 500) failures.AppendLine($"GET {shown}: {status} {body[..Math.Min(body.Length, 300)]}");
                    else if (status == 400 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                             || !JsonDocument.Parse(body).RootElement.TryGetProperty("title", out _)))
                        failures.AppendLine($"GET {shown}: 400 without problem details: {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }
        return new Result(statuses, failures.ToString());
    }
}
