using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

/// <summary>Malformed requests to the new endpoints answer 4xx with a problem body, never 5xx, and write nothing.</summary>
[Collection(MediatorsCollection.Name)]
public sealed class BadInputTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    [Fact]
    public async Task Malformed_requests_get_4xx_and_change_nothing()
    {
        var place = await Place.CreateAsync(_f);
        var m = await place.MediatorAsync(_f, fixture.CommitteeId);
        var org = await place.OrganizationAsync(_f);
        var caseId = await place.CaseAsync(_f);
        var before = await CountsAsync();
        var long5000 = new string('调', 5000);
        (string Method, string Path, string? Body)[] requests =
        [
            ("POST", "/api/assignments", "{not json"),
            ("POST", "/api/assignments", "{\"caseId\": 12}"),
            ("POST", "/api/assignments", $"{{\"caseId\": \"{caseId}\", \"mediatorId\": \"not-a-guid\"}}"),
            ("POST", "/api/assignments", $"{{\"caseId\": \"{caseId}\", \"reason\": \"{long5000}\"}}"),
            ("POST", "/api/assignments", $"{{\"caseId\": \"{caseId}\", \"occurredAt\": \"yesterday\"}}"),
            ("POST", "/api/assignments", "[]"),
            ("POST", "/api/sessions", "{\"caseId\": null, \"mediatorIds\": \"x\"}"),
            ("POST", "/api/sessions", $"{{\"caseId\": \"{caseId}\", \"mediatorIds\": [\"{m}\"], \"startsAt\": \"2027-01-01T10:00:00+08:00\", \"endsAt\": \"2027-01-01T09:00:00+08:00\"}}"),
            ("POST", "/api/sessions", $"{{\"caseId\": \"{caseId}\", \"mediatorIds\": [\"{m}\"], \"startsAt\": \"2027-01-01T10:00:00+08:00\", \"endsAt\": \"2027-01-03T09:00:00+08:00\"}}"),
            ("POST", "/api/sessions", $"{{\"caseId\": \"{caseId}\", \"mediatorIds\": [\"{m}\"], \"startsAt\": \"2027-01-01T10:00:00+08:00\", \"endsAt\": \"2027-01-01T11:00:00+08:00\", \"location\": \"{long5000}\"}}"),
            ("POST", "/api/sessions", $"{{\"caseId\": \"{caseId}\", \"mediatorIds\": [{string.Join(",", Enumerable.Range(0, 11).Select(_ => $"\"{Guid.NewGuid()}\""))}], \"startsAt\": \"2027-01-01T10:00:00+08:00\", \"endsAt\": \"2027-01-01T11:00:00+08:00\"}}"),
            ("POST", $"/api/sessions/{Guid.NewGuid()}/record", "{\"held\": true}"),
            ("POST", "/api/sessions/not-a-guid/record", "{}"),
            ("GET", "/api/sessions?from=notadate", null),
            ("GET", "/api/sessions?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", null),
            ("GET", "/api/sessions?caseId=1'; DROP TABLE sessions;--", null),
            ("PATCH", $"/api/mediators/{m}", "{\"maxActiveCases\": \"many\"}"),
            ("PATCH", $"/api/mediators/{m}", "{\"specialties\": [\"astrology\"]}"),
            ("PATCH", $"/api/mediators/{m}", $"{{\"name\": \"{long5000}\"}}"),
            ("PATCH", $"/api/organizations/{org}", "{\"webhook\": {\"url\": \"javascript:alert(1)\", \"secret\": \"0123456789abcdef\"}}"),
            ("PATCH", $"/api/organizations/{org}", "{\"webhook\": {\"url\": \"http://127.0.0.1/x\", \"secret\": \"0123456789abcdef\"}, \"removeWebhook\": true}"),
            ("GET", $"/api/organizations/{org}/deliveries?status=lost", null),
            ("POST", $"/api/organizations/{org}/deliveries/{Guid.NewGuid()}/resend", null),
        ];
        using var admin = _f.Admin();
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            var response = await admin.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {path} {body?[..Math.Min(body.Length, 80)]}: {status}");
        }
        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int, int, int, int)> CountsAsync() => _f.WithDbAsync(async db => (
        await db.Assignments.CountAsync(), await db.Sessions.CountAsync(), await db.DirectoryChanges.CountAsync(),
        await db.WebhookDeliveries.CountAsync()));
}
