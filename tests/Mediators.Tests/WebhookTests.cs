using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

[Collection(MediatorsCollection.Name)]
public sealed class WebhookTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;
    private const string Secret = "police-system-shared-secret-0001";

    private async Task<Guid> ReferAsync(Place place, Agency agency)
    {
        var referralId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _f.PublishAsync(new CaseReferred(Guid.NewGuid(), 3, now, now, referralId, agency, "涉嫌违法，移送处理", false,
            $"T-{referralId.ToString()[..6]}", "宅基地纠纷", CaseKind.Dispute, DisputeCategory.LandForest, place.Village, place.Town,
            place.District));
        return referralId;
    }

    private static bool Verifies(ReceivedWebhook r, string secret) => Verifies(r, r.Signature, secret);

    /// <summary>What an agency's system does: the HMAC over "{X-Timestamp}.{raw body}" with its secret, and a fresh timestamp.</summary>
    private static bool Verifies(ReceivedWebhook r, string? signature, string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(
            new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(Encoding.UTF8.GetBytes($"{r.Timestamp}.{r.Body}")));
        return signature == expected
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(r.Timestamp!)) < 120;
    }

    /// <summary>The first request for the referral (its <c>referral.created</c> delivery), within 15 s.</summary>
    private static async Task<ReceivedWebhook> DeliveredAsync(WebhookReceiver receiver, Guid referralId)
    {
        bool IsIt(ReceivedWebhook r) => r.Body.Contains(referralId.ToString(), StringComparison.Ordinal);
        var found = await Eventually.ValueAsync(() => Task.FromResult(receiver.Received.FirstOrDefault(IsIt)), r => r is not null, TimeSpan.FromSeconds(15));
        Assert.True(found is not null, $"referral {referralId} should reach the agency within 15 s; it received {receiver.Count} requests");
        return found;
    }

    [Fact]
    public async Task A_changed_secret_signs_beside_the_replaced_one_for_the_rotation_window_and_then_alone()
    {
        const string NewSecret = "police-system-shared-secret-0002";
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        var place = await Place.CreateAsync(_f);
        var org = await place.OrganizationAsync(_f, "police_station", new { url = receiver.Url, secret = Secret });
        using var admin = _f.Admin();

        var before = await DeliveredAsync(receiver, await ReferAsync(place, Agency.Police));
        Assert.True(Verifies(before, Secret), "before any rotation the delivery is signed by the secret");
        Assert.True(before.PreviousSignature is null, $"before any rotation there is no previous signature; got {before.PreviousSignature}");

        // the admin changes the secret; the agency's system still has the old one for a while
        var asked = DateTimeOffset.UtcNow;
        var patched = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { webhook = new { url = receiver.Url, secret = NewSecret } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var until = (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousWebhookSecretSignsUntil").GetDateTimeOffset();
        Assert.InRange(until, asked.AddHours(24).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1));
        var during = await DeliveredAsync(receiver, await ReferAsync(place, Agency.Police));
        Assert.True(Verifies(during, NewSecret), "during the window X-Signature is by the new secret");
        Assert.True(Verifies(during, during.PreviousSignature, Secret),
            $"during the window X-Signature-Previous is by the replaced secret (an agency not yet switched verifies it); got '{during.PreviousSignature}'");
        Assert.False(Verifies(during, during.PreviousSignature, NewSecret));

        // saving the same secret again is no rotation: the window stays as it was
        var same = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { webhook = new { url = receiver.Url, secret = NewSecret } });
        // (PostgreSQL keeps microseconds, the first answer had the clock's 100 ns: compared within a millisecond)
        void SameUntil(JsonElement org, string who)
        {
            var shown = org.GetProperty("previousWebhookSecretSignsUntil").GetDateTimeOffset();
            Assert.True(Math.Abs((shown - until).TotalMilliseconds) < 1, $"{who}: the window should end at {until:O}; shown {shown:O}");
        }
        SameUntil(await same.Content.ReadFromJsonAsync<JsonElement>(), "the same secret saved again");
        // the window is shown to the agency's own liaison, not to another agency's
        using var own = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, organizationId: org));
        using var other = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, organizationId: Guid.NewGuid()));
        SameUntil(await own.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}"), "the agency's own liaison");
        Assert.Equal(JsonValueKind.Null,
            (await other.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}")).GetProperty("previousWebhookSecretSignsUntil").ValueKind);
        // the history says the secret changed and until when the old one signs, and never holds either secret
        var history = await _f.WithDbAsync(db => db.DirectoryChanges.AsNoTracking().Where(c => c.EntityId == org).Select(c => c.Changes).ToListAsync());
        var rotation = Assert.Single(history);
        var note = JsonDocument.Parse(rotation).RootElement.GetProperty("webhook");
        Assert.True(note.GetProperty("secretChanged").GetBoolean(), rotation);
        Assert.True(Math.Abs((note.GetProperty("previousSecretSignsUntil").GetDateTimeOffset() - until).TotalMilliseconds) < 1, rotation);
        Assert.DoesNotContain(Secret, rotation, StringComparison.Ordinal);
        Assert.DoesNotContain(NewSecret, rotation, StringComparison.Ordinal);

        // the window has closed (moved into the past here rather than waiting 24 h): the new secret signs alone
        await _f.WithDbAsync(db => db.Organizations.Where(o => o.Id == org)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.PreviousWebhookSecretUntil, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var after = await DeliveredAsync(receiver, await ReferAsync(place, Agency.Police));
        Assert.True(Verifies(after, NewSecret), "after the window X-Signature is by the new secret");
        Assert.True(after.PreviousSignature is null, $"after the window there is no previous signature; got {after.PreviousSignature}");
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}")).GetProperty("previousWebhookSecretSignsUntil").ValueKind);

        // a leaked secret: rotated again, the replaced one is revoked at once instead of signing for the window
        const string ThirdSecret = "police-system-shared-secret-0003";
        var rotated = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { webhook = new { url = receiver.Url, secret = ThirdSecret } });
        Assert.NotEqual(JsonValueKind.Null, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousWebhookSecretSignsUntil").ValueKind);
        var revoked = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { webhook = new { url = receiver.Url, secret = ThirdSecret, revokePrevious = true } });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousWebhookSecretSignsUntil").ValueKind);
        var last = await _f.WithDbAsync(db => db.DirectoryChanges.AsNoTracking().Where(c => c.EntityId == org).OrderByDescending(c => c.At).Select(c => c.Changes).FirstAsync());
        Assert.True(JsonDocument.Parse(last).RootElement.GetProperty("webhook").GetProperty("previousSecretRevoked").GetBoolean(), last);
        var afterRevoke = await DeliveredAsync(receiver, await ReferAsync(place, Agency.Police));
        Assert.True(Verifies(afterRevoke, ThirdSecret) && afterRevoke.PreviousSignature is null,
            $"after the revocation only the new secret signs; previous signature '{afterRevoke.PreviousSignature}'");

        // removing the webhook forgets the replaced secret too
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { removeWebhook = true })).StatusCode);
        var stored = await _f.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Id == org)
            .Select(o => new { o.WebhookSecret, o.PreviousWebhookSecret, o.PreviousWebhookSecretUntil }).SingleAsync());
        Assert.True(stored is { WebhookSecret: null, PreviousWebhookSecret: null, PreviousWebhookSecretUntil: null }, $"after removal: {stored}");
    }

    [Fact]
    public async Task A_referral_and_its_changes_reach_the_agency_signed_retried_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 500 : 200);
        var place = await Place.CreateAsync(_f);
        var org = await place.OrganizationAsync(_f, "police_station", new { url = receiver.Url, secret = Secret });
        var referralId = await ReferAsync(place, Agency.Police);

        var statuses = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.OrganizationId == org).Select(d => d.Status).ToListAsync()),
            s => s.Contains(WebhookDeliveryStatus.Delivered), TimeSpan.FromSeconds(15));
        Assert.True(statuses.Contains(WebhookDeliveryStatus.Delivered), "the referral should be delivered to the agency within 15 s; "
            + $"its deliveries are [{string.Join(", ", statuses)}] after {receiver.Count} requests");
        var received = receiver.Received.ToList();
        Assert.Equal(3, received.Count); // failed twice, retried, then delivered
        Assert.All(received, r => Assert.True(Verifies(r, Secret), "signature"));
        Assert.False(Verifies(received[0], "another-secret-xxxxxxxx"));
        Assert.Single(received.Select(r => r.DeliveryId).Distinct());
        var body = JsonDocument.Parse(received[^1].Body).RootElement;
        Assert.Equal("referral.created", body.GetProperty("event").GetString());
        Assert.Equal(referralId, body.GetProperty("referral").GetProperty("id").GetGuid());
        Assert.Equal("pending", body.GetProperty("referral").GetProperty("status").GetString());

        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, organizationId: org));
        var deliveries = (await liaison.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}/deliveries")).Items();
        var d = Assert.Single(deliveries.EnumerateArray());
        Assert.Equal("delivered", d.GetProperty("status").GetString());
        Assert.Equal([500, 500, 200], d.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ToArray());

        // a change of the referral is delivered too (written with the change, in the same transaction)
        Assert.Equal(HttpStatusCode.OK, (await liaison.PostAsJsonAsync($"/api/referrals/{referralId}/accept", new { })).StatusCode);
        var requests = await Eventually.ValueAsync(() => Task.FromResult(receiver.Count), n => n >= 4, TimeSpan.FromSeconds(10));
        Assert.True(requests >= 4, $"the acceptance should reach the agency as a 4th request within 10 s; it has received {requests}");
        var accepted = receiver.Received.Last();
        Assert.Equal("referral.accepted", accepted.Event);
        Assert.Equal("accepted", JsonDocument.Parse(accepted.Body).RootElement.GetProperty("referral").GetProperty("status").GetString());
        Assert.True(Verifies(accepted, Secret));

        // resend: the same delivery id again. Delivery is at least once — an attempt that outlives the 400 ms attempt
        // timeout of these tests is sent again, and the receiver deduplicates on X-Delivery-Id — so the resend is looked
        // for among the requests after the acceptance, not assumed to be the last one.
        var resend = await liaison.PostAsync($"/api/organizations/{org}/deliveries/{d.GetProperty("id").GetGuid()}/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        var firstId = received[0].DeliveryId;
        var acceptedAt = receiver.Received.ToList().FindIndex(r => r.Event == "referral.accepted");
        var again = await Eventually.ValueAsync(() => Task.FromResult(receiver.Received.Skip(acceptedAt + 1).Any(r => r.DeliveryId == firstId)),
            found => found, TimeSpan.FromSeconds(10));
        Assert.True(again, $"the resent delivery {firstId} should reach the agency again within 10 s; after the acceptance it received "
            + $"[{string.Join(", ", receiver.Received.Skip(acceptedAt + 1).Select(r => $"{r.Event} {r.DeliveryId}"))}]");

        using var otherLiaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, organizationId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await otherLiaison.GetAsync($"/api/organizations/{org}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLiaison.PostAsync($"/api/organizations/{org}/deliveries/{d.GetProperty("id").GetGuid()}/resend", null)).StatusCode);
        using var mediator = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Mediator, [place.Town]));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync($"/api/organizations/{org}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task An_agency_that_never_answers_opens_its_circuit_and_does_not_hold_up_the_others()
    {
        await using var hanging = await WebhookReceiver.StartAsync(_ => null);
        await using var healthy = await WebhookReceiver.StartAsync(_ => 204);
        var place = await Place.CreateAsync(_f);
        var police = await place.OrganizationAsync(_f, "police_station", new { url = hanging.Url, secret = Secret });
        var court = await place.OrganizationAsync(_f, "court", new { url = healthy.Url, secret = "court-system-shared-secret-0002" });
        var first = await ReferAsync(place, Agency.Police);
        var policeCalls = await Eventually.ValueAsync(() => Task.FromResult(hanging.Count), n => n >= 1, TimeSpan.FromSeconds(10));
        Assert.True(policeCalls >= 1, $"the first referral should be sent to the police station within 10 s; it received {policeCalls} requests");
        var second = await ReferAsync(place, Agency.Police);
        await ReferAsync(place, Agency.Court);

        var courtCalls = await Eventually.ValueAsync(() => Task.FromResult(healthy.Count), n => n >= 1, TimeSpan.FromSeconds(10));
        Assert.True(courtCalls >= 1,
            $"the court's referral should reach it within 10 s while the police lane hangs; it received {courtCalls} requests");
        Assert.True(hanging.Count < 4, $"the court's delivery waited for the police lane ({hanging.Count} police attempts first)");
        Assert.True(Verifies(healthy.Received.Single(), "court-system-shared-secret-0002"));

        // the police's first delivery used its attempts (1 + 3 retries, each timed out); then the circuit is open and the
        // second delivery is put back without a call
        static bool PutBack(List<string?> lastErrors) => lastErrors.Any(e => e != null && e.StartsWith("Circuit open", StringComparison.Ordinal));
        var errors = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.ReferralId == second).Select(d => d.LastError).ToListAsync()),
            PutBack, TimeSpan.FromSeconds(15));
        Assert.True(PutBack(errors), "the second police delivery should be put back by the open circuit within 15 s; its last errors are "
            + $"[{string.Join(", ", errors)}] after {hanging.Count} police requests");
        await Task.Delay(600);
        Assert.Equal(4, hanging.Count);
        var (deliveries, attempts) = await _f.WithDbAsync(async db => (
            await db.WebhookDeliveries.AsNoTracking().Where(d => d.OrganizationId == police).ToListAsync(),
            await db.WebhookAttempts.AsNoTracking().Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.ReferralId == first)).ToListAsync()));
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status)); // will be tried again after the break
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.StartsWith("Timed out", a.Error));
        Assert.Equal(0, deliveries.Single(d => d.ReferralId == second).AttemptCount);
        Assert.True(await _f.WithDbAsync(db => db.WebhookDeliveries.AnyAsync(d => d.OrganizationId == court && d.Status == WebhookDeliveryStatus.Delivered)));
    }

    [Fact]
    public async Task Registration_checks_the_webhook_url_and_secret()
    {
        using var admin = _f.Admin();
        var r = await admin.PostAsJsonAsync("/api/organizations", new { name = "派出所", kind = "police_station", regionCode = "muer",
            webhook = new { url = "ftp://example.org/x", secret = "short" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("webhook.url", out _));
        Assert.True(errors.TryGetProperty("webhook.secret", out _));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.20.30.40", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)] // cloud metadata
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("64:ff9b::a00:1", true)]        // NAT64 of 10.0.0.1
    [InlineData("64:ff9b:1::a00:1", true)]      // local-use NAT64
    [InlineData("2002:a00:1::1", true)]         // 6to4 of 10.0.0.1
    [InlineData("2001:0:a00:1::1", true)]       // Teredo
    [InlineData("::a00:1", true)]               // IPv4-compatible (deprecated)
    [InlineData("100::1", true)]                // discard-only
    [InlineData("2001:db8::1", true)]           // documentation
    [InlineData("198.18.0.1", true)]            // benchmarking
    [InlineData("224.0.0.1", true)]             // multicast
    public void The_SSRF_guard_knows_the_private_ranges(string address, bool forbidden) =>
        Assert.Equal(forbidden, WebhookTargets.IsForbidden(IPAddress.Parse(address)));

    [Fact]
    public async Task In_production_mode_only_https_to_public_addresses_is_accepted_at_registration_and_at_send_time()
    {
        Assert.NotNull(await WebhookTargets.CheckAsync("http://93.184.216.34/hook", allowPrivate: false, default)); // https only
        Assert.NotNull(await WebhookTargets.CheckAsync("https://localhost/hook", allowPrivate: false, default)); // resolves to loopback
        Assert.NotNull(await WebhookTargets.CheckAsync("https://10.1.2.3/hook", allowPrivate: false, default));
        Assert.NotNull(await WebhookTargets.CheckAsync("https://user:pw@93.184.216.34/hook", allowPrivate: false, default));
        Assert.Null(await WebhookTargets.CheckAsync("https://93.184.216.34/hook", allowPrivate: false, default));
        Assert.Null(await WebhookTargets.CheckAsync("http://127.0.0.1:5000/hook", allowPrivate: true, default));

        // send time: the connect step refuses a host that resolves to loopback, even over plain DNS names
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        using var handler = new SocketsHttpHandler { ConnectCallback = (c, ct) => WebhookTargets.ConnectAsync(c, allowPrivate: false, ct) };
        using var client = new HttpClient(handler);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url.Replace("127.0.0.1", "localhost"), new StringContent("{}")));
        Assert.IsType<WebhookTargetForbiddenException>(ex.InnerException);
        Assert.Equal(0, receiver.Count);
    }
}
