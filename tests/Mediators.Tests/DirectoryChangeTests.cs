using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

[Collection(MediatorsCollection.Name)]
public sealed class DirectoryChangeTests(MediatorsFixture fixture)
{
    private readonly MediatorsFactory _f = fixture.Factory;

    [Fact]
    public async Task Patching_a_mediator_changes_only_given_fields_leaves_history_republishes_and_steers_assignment()
    {
        var place = await Place.CreateAsync(_f);
        var m = await place.MediatorAsync(_f, fixture.CommitteeId, max: 5);
        using var admin = _f.Admin();

        // a declared limit is refused first (RequestLimits), the endpoint's own rules then name every other field
        var bad = await admin.PatchAsJsonAsync($"/api/mediators/{m}", new { name = "", regionCodes = new[] { "nowhere" }, maxActiveCases = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["maxActiveCases"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());
        bad = await admin.PatchAsJsonAsync($"/api/mediators/{m}", new { name = "", regionCodes = new[] { "nowhere" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["name", "regionCodes"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());

        var ok = await admin.PatchAsJsonAsync($"/api/mediators/{m}", new { specialties = new[] { "land_forest" }, maxActiveCases = 7, active = false });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((7, false, "land_forest"), (body.GetProperty("maxActiveCases").GetInt32(), body.GetProperty("active").GetBoolean(), body.GetProperty("specialties")[0].GetString()));
        Assert.Equal(place.Village, body.GetProperty("regionCodes")[0].GetString()); // untouched

        var (history, published) = await _f.WithDbAsync(async db => (
            await db.DirectoryChanges.AsNoTracking().Where(c => c.EntityId == m).ToListAsync(),
            (await db.Set<OutboxMessage>().AsNoTracking().Where(o => o.MessageType == nameof(MediatorRegistered)).ToListAsync())
                .Where(o => o.Payload.Contains(m.ToString())).ToList()));
        var change = Assert.Single(history);
        var fields = JsonDocument.Parse(change.Changes).RootElement;
        Assert.False(fields.GetProperty("active").GetProperty("to").GetBoolean());
        Assert.Equal(5, fields.GetProperty("maxActiveCases").GetProperty("from").GetInt32());
        Assert.False(fields.TryGetProperty("name", out _));
        Assert.Equal(2, published.Count); // registered, then changed
        Assert.False(JsonDocument.Parse(published.OrderBy(p => p.Id).Last().Payload).RootElement.GetProperty("active").GetBoolean());

        // inactive: new disputes are not assigned to them
        var caseId = await place.CaseAsync(_f);
        await Task.Delay(500);
        Assert.False(await _f.WithDbAsync(db => db.Assignments.AnyAsync(a => a.CaseId == caseId)));
        // active again: the dispute that waited in the capacity queue goes to them (the PATCH wakes the queue)
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/mediators/{m}", new { active = true })).StatusCode);
        var assignedTo = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Assignments.AsNoTracking().Where(a => a.CaseId == caseId).Select(a => (Guid?)a.MediatorId).FirstOrDefaultAsync()),
            id => id is not null, TimeSpan.FromSeconds(10), 100);
        Assert.True(assignedTo == m, $"the waiting dispute should be assigned to the reactivated mediator {m}; assigned to {assignedTo?.ToString() ?? "nobody"}");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync($"/api/mediators/{Guid.NewGuid()}", new { active = false })).StatusCode);
        using var supervisor = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [place.Town]));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PatchAsJsonAsync($"/api/mediators/{m}", new { active = false })).StatusCode);
    }

    [Fact]
    public async Task Patching_an_organisation_reroutes_new_referrals_and_replaces_or_removes_its_webhook()
    {
        var place = await Place.CreateAsync(_f);
        var other = await Place.CreateAsync(_f);
        var org = await place.OrganizationAsync(_f, "court");
        using var admin = _f.Admin();

        var bad = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { servesRegionCodes = Array.Empty<string>(), webhook = new { url = "not a url", secret = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["servesRegionCodes", "webhook.secret", "webhook.url"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());

        var ok = await admin.PatchAsJsonAsync($"/api/organizations/{org}", new
        {
            name = "新法庭", servesRegionCodes = new[] { other.Town }, webhook = new { url = "http://127.0.0.1:9/hook", secret = "court-secret-0123456789" },
        });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("新法庭", other.Town, "http://127.0.0.1:9/hook"),
            (body.GetProperty("name").GetString(), body.GetProperty("servesRegionCodes")[0].GetString(), body.GetProperty("webhookUrl").GetString()));
        Assert.DoesNotContain("court-secret", await ok.Content.ReadAsStringAsync());

        // a referral in the other place now routes to it
        var referralId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var respondBy = new DateTimeOffset(2031, 10, 11, 23, 59, 59, TimeSpan.FromHours(8));
        await _f.PublishAsync(new CaseReferred(Guid.NewGuid(), 2, now, now, referralId, Agency.Court, "起诉", true, "N-1", "合同纠纷",
            CaseKind.Dispute, DisputeCategory.Contract, other.Village, other.Town, other.District, respondBy));
        var routes = await Eventually.ValueAsync(
            () => _f.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.OrganizationId).ToListAsync()),
            o => o.Contains(org), TimeSpan.FromSeconds(10));
        Assert.True(routes.Contains(org), $"the referral should be routed to the patched court {org} within 10 s; "
            + (routes.Count == 0 ? "the mediator service has not got it" : $"it went to {routes[0]?.ToString() ?? "nobody"}"));

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/organizations/{org}", new { removeWebhook = true })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/organizations/{org}")).GetProperty("webhookUrl").ValueKind);
        var history = await _f.WithDbAsync(db => db.DirectoryChanges.AsNoTracking().Where(c => c.EntityId == org).OrderBy(c => c.At).ToListAsync());
        Assert.Equal(2, history.Count);
        Assert.DoesNotContain(history, h => h.Changes.Contains("court-secret"));

        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.CourtLiaison, organizationId: org));
        // the court's inbox shows by when to answer (the case service computed it in working days)
        var inbox = await liaison.GetFromJsonAsync<JsonElement>("/api/referrals");
        var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == referralId);
        Assert.Equal(respondBy, item.GetProperty("respondBy").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, (await liaison.PatchAsJsonAsync($"/api/organizations/{org}", new { name = "x" })).StatusCode);
    }
}
