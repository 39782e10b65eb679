using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

/// <summary>
/// Every mediator-service endpoint × every role × own/foreign jurisdiction (or agency). Outcomes:
/// A = allowed (not 401/403/404; a 409 after an earlier row already acted is fine), C = allowed and the list contains the
/// own object, E = 200 but the list does not contain it, F = 403 (role), H = 404 (foreign object: existence not leaked).
/// </summary>
[Collection(MediatorsCollection.Name)]
public sealed class AuthorizationMatrixTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    private static readonly string[] RoleOrder =
        [Roles.Admin, Roles.Supervisor, Roles.Mediator, Roles.PetitionOfficer, Roles.PoliceLiaison, Roles.CourtLiaison, Roles.Statistician];

    private sealed record Row(string Name, HttpMethod Method, Func<string> Path, Func<object?>? Body, string Expect, string? Marker = null);

    [Fact]
    public async Task Every_endpoint_answers_each_role_in_and_out_of_its_jurisdiction_as_specified()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        var own = await Place.CreateAsync(_f);
        var foreign = await Place.CreateAsync(_f);
        var policeOwn = await own.OrganizationAsync(_f, "police_station", new { url = receiver.Url, secret = "police-matrix-secret-000" });
        var courtOwn = await own.OrganizationAsync(_f, "court");
        var policeForeign = await foreign.OrganizationAsync(_f, "police_station");
        var courtForeign = await foreign.OrganizationAsync(_f, "court");
        var m1 = await own.MediatorAsync(_f, fixture.CommitteeId, max: 100);
        var m2 = await own.MediatorAsync(_f, fixture.CommitteeId, max: 100);
        var caseId = await own.CaseAsync(_f);
        using var admin = _f.Admin();
        var session = (await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/sessions", new
        {
            caseId, mediatorIds = new[] { m1 }, startsAt = DateTimeOffset.UtcNow.AddHours(-3), endsAt = DateTimeOffset.UtcNow.AddHours(-2),
        }))).GetProperty("id").GetGuid();
        var referralId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new CaseReferred(caseId, 4, now, now, referralId, Agency.Police, "治安", false, "M-1", "纠纷",
            CaseKind.Dispute, DisputeCategory.Neighbourhood, own.Village, own.Town, own.District));
        var written = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.ReferralId == referralId)),
            c => c > 0, TimeSpan.FromSeconds(10));
        Assert.True(written > 0, $"the referral {referralId} should give the police station a webhook delivery within 10 s; it has {written}");
        var deliveryId = await _f.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.ReferralId == referralId).Select(d => d.Id).FirstAsync());
        var n = 0;
        string Unique() => $"x{Guid.NewGuid().ToString("N")[..10]}";

        //                                                                         admin sup med pet pol cou sta
        Row[] rows =
        [
            new("list regions", HttpMethod.Get, () => "/api/regions", null,                                  "AA AA AA AA AA AA AA"),
            new("get region", HttpMethod.Get, () => $"/api/regions/{own.Village}", null,                     "AA AA AA AA AA AA AA"),
            new("create region", HttpMethod.Post, () => "/api/regions", () => new { code = Unique(), name = "区", kind = "district" },
                                                                                                             "AA FF FF FF FF FF FF"),
            new("list organisations", HttpMethod.Get, () => "/api/organizations", null,                      "AA AA AA AA AA AA AA"),
            new("get organisation", HttpMethod.Get, () => $"/api/organizations/{policeOwn}", null,           "AA AA AA AA AA AA AA"),
            new("create organisation", HttpMethod.Post, () => "/api/organizations",
                () => new { name = "所", kind = "police_station", regionCode = own.Town },                   "AA FF FF FF FF FF FF"),
            new("patch organisation", HttpMethod.Patch, () => $"/api/organizations/{courtOwn}", () => new { name = $"法院{++n}" },
                                                                                                             "AA FF FF FF FF FF FF"),
            new("list mediators", HttpMethod.Get, () => $"/api/mediators?regionCode={own.Village}", null,   "AA AA AA AA FF FF FF"),
            new("get mediator", HttpMethod.Get, () => $"/api/mediators/{m1}", null,                          "AA AA AA AA FF FF FF"),
            new("create mediator", HttpMethod.Post, () => "/api/mediators", () => new
                { name = "新", phone = "1", kind = "volunteer", organizationId = fixture.CommitteeId, regionCodes = new[] { foreign.Village }, maxActiveCases = 1 },
                                                                                                             "AA FF FF FF FF FF FF"),
            new("patch mediator", HttpMethod.Patch, () => $"/api/mediators/{m2}", () => new { phone = $"1390000{++n:0000}" },
                                                                                                             "AA FF FF FF FF FF FF"),
            new("assign", HttpMethod.Post, () => "/api/assignments", () => new { caseId },                  "AA AH FF FF FF FF FF"),
            new("assignment history", HttpMethod.Get, () => $"/api/assignments?caseId={caseId}", null,      "AA AH AH FF FF FF FF"),
            new("unassigned", HttpMethod.Get, () => "/api/assignments/unassigned", null,                     "AA AA FF FF FF FF FF"),
            new("schedule session", HttpMethod.Post, () => "/api/sessions", () => new
                { caseId, mediatorIds = new[] { m2 }, startsAt = now.AddDays(10 + ++n), endsAt = now.AddDays(10 + n).AddHours(1) },
                                                                                                             "AA AH AH FF FF FF FF"),
            new("record session", HttpMethod.Post, () => $"/api/sessions/{session}/record", () => new { held = false, attendeeCount = 0 },
                                                                                                             "AA AH AH FF FF FF FF"),
            new("list sessions", HttpMethod.Get, () => $"/api/sessions?caseId={caseId}", null,              "CC CE CE FF FF FF FF", session.ToString()),
            new("get session", HttpMethod.Get, () => $"/api/sessions/{session}", null,                       "AA AH AH FF FF FF FF"),
            new("reschedule session", HttpMethod.Post, () => $"/api/sessions/{session}/reschedule", () => new
                { startsAt = now.AddDays(40 + ++n), endsAt = now.AddDays(40 + n).AddHours(1) },                  "AA AH AH FF FF FF FF"),
            new("cancel session", HttpMethod.Post, () => $"/api/sessions/{session}/cancel", () => new { reason = "矩阵" },
                                                                                                             "AA AH AH FF FF FF FF"),
            new("list referrals", HttpMethod.Get, () => "/api/referrals", null,                              "CC CE FF EE CE EE FF", referralId.ToString()),
            new("get referral", HttpMethod.Get, () => $"/api/referrals/{referralId}", null,                  "AA AH FF HH AH HH FF"),
            new("accept referral", HttpMethod.Post, () => $"/api/referrals/{referralId}/accept", () => new { }, "AA AH FF HH AH HH FF"),
            new("decline referral", HttpMethod.Post, () => $"/api/referrals/{referralId}/decline", () => new { reason = "不属管辖" },
                                                                                                             "AA AH FF HH AH HH FF"),
            new("complete referral", HttpMethod.Post, () => $"/api/referrals/{referralId}/complete", () => new { outcome = "handled", summary = "已处理" },
                                                                                                             "AA AH FF HH AH HH FF"),
            new("deliveries", HttpMethod.Get, () => $"/api/organizations/{policeOwn}/deliveries", null,     "AA FF FF FF AH HH FF"),
            new("resend delivery", HttpMethod.Post, () => $"/api/organizations/{policeOwn}/deliveries/{deliveryId}/resend", null,
                                                                                                             "AA FF FF FF AH HH FF"),
        ];

        string Token(string role, bool ownSide)
        {
            var place = ownSide ? own : foreign;
            Guid? org = role == Roles.PoliceLiaison ? (ownSide ? policeOwn : policeForeign)
                : role == Roles.CourtLiaison ? (ownSide ? courtOwn : courtForeign) : null;
            return TestTokens.Shared.Mint(role, role == Roles.Admin ? null : [place.Town], organizationId: org);
        }

        var failures = new List<string>();
        using var anonymous = _f.CreateClient();
        foreach (var row in rows)
        {
            using (var noToken = new HttpRequestMessage(row.Method, row.Path()) { Content = row.Body is null ? null : JsonContent.Create(row.Body()) })
            {
                var r = await anonymous.SendAsync(noToken);
                if (r.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{row.Name} without a token: {(int)r.StatusCode}");
            }
            var expect = row.Expect.Replace(" ", "");
            for (var i = 0; i < RoleOrder.Length; i++)
                foreach (var ownSide in new[] { true, false })
                {
                    var outcome = expect[i * 2 + (ownSide ? 0 : 1)];
                    using var client = _f.ClientWithToken(Token(RoleOrder[i], ownSide));
                    using var request = new HttpRequestMessage(row.Method, row.Path()) { Content = row.Body is null ? null : JsonContent.Create(row.Body()) };
                    var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    var ok = outcome switch
                    {
                        'A' => status is not (401 or 403 or 404) && status < 500,
                        'C' => status == 200 && body.Contains(row.Marker!),
                        'E' => status == 200 && !body.Contains(row.Marker!),
                        'F' => status == 403,
                        'H' => status == 404,
                        _ => false,
                    };
                    if (!ok) failures.Add($"{row.Name} as {RoleOrder[i]} ({(ownSide ? "own" : "foreign")}): expected {outcome}, got {status} {body[..Math.Min(body.Length, 200)]}");
                }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
