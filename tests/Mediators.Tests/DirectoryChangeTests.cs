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

    [Fact]
    public async Task A_wound_up_organisation_gets_no_new_referrals_bookings_or_mediators_keeps_what_it_has_and_can_be_restored()
    {
        var place = await Place.CreateAsync(_f);
        using var admin = _f.Admin();
        async Task<Guid> Org(string name, string kind) => (await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/organizations",
            new { name, kind, regionCode = place.Town, servesRegionCodes = new[] { place.Town } }))).GetProperty("id").GetGuid();
        var stations = new[] { await Org("甲派出所 " + place.Town, "police_station"), await Org("乙派出所 " + place.Town, "police_station") };
        var room = await Org("调解室 " + place.Town, "mediation_room");
        async Task<Guid?> RoutedAsync()
        {
            var referralId = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            await _f.PublishAsync(new CaseReferred(Guid.NewGuid(), 2, now, now, referralId, Agency.Police, "治安", false, "N-1", "纠纷",
                CaseKind.Dispute, DisputeCategory.Neighbourhood, place.Village, place.Town, place.District));
            var routed = await Eventually.ValueAsync(() => _f.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => new { r.OrganizationId }).ToListAsync()),
                r => r.Count == 1, TimeSpan.FromSeconds(10));
            Assert.True(routed.Count == 1, $"referral {referralId} should be routed within 10 s");
            return routed[0].OrganizationId;
        }
        // both serve the town: one of them (the first by name) gets the referrals
        var first = await RoutedAsync() ?? Guid.Empty;
        Assert.Contains(first, stations);
        var second = stations.Single(s => s != first);

        // wound up: shown, recorded in the history, told to the case service; the next referral goes to the other station
        var wound = await admin.PatchAsJsonAsync($"/api/organizations/{first}", new { active = false });
        Assert.Equal(HttpStatusCode.OK, wound.StatusCode);
        Assert.False((await wound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        var change = await _f.WithDbAsync(db => db.DirectoryChanges.AsNoTracking().Where(c => c.EntityId == first).Select(c => c.Changes).SingleAsync());
        var active = JsonDocument.Parse(change).RootElement.GetProperty("active");
        Assert.Equal((true, false), (active.GetProperty("from").GetBoolean(), active.GetProperty("to").GetBoolean()));
        var recent = await _f.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType == nameof(OrganizationRegistered))
            .OrderByDescending(m => m.Id).Take(50).Select(m => m.Payload).ToListAsync());
        var told = recent.Select(p => JsonDocument.Parse(p).RootElement).First(e => e.GetProperty("organizationId").GetGuid() == first);
        Assert.False(told.GetProperty("active").GetBoolean(), told.ToString());
        Assert.Equal(second, await RoutedAsync());
        // its liaisons still read what it has
        using var liaison = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.PoliceLiaison, organizationId: first));
        Assert.Contains((await liaison.GetFromJsonAsync<JsonElement>("/api/referrals")).Items().EnumerateArray(), r => r.GetProperty("organizationId").GetGuid() == first);

        // a wound-up room takes no booking, a wound-up organisation no new mediator
        var caseId = await place.CaseAsync(_f);
        var mediator = await place.MediatorAsync(_f, fixture.CommitteeId, max: 5);
        var start = DateTimeOffset.UtcNow.AddDays(20);
        var booked = (await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/sessions",
            new { caseId, mediatorIds = new[] { mediator }, roomId = room, startsAt = start.AddDays(-1), endsAt = start.AddDays(-1).AddHours(1) }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/organizations/{room}", new { active = false })).StatusCode);
        var booking = await admin.PostAsJsonAsync("/api/sessions", new { caseId, mediatorIds = new[] { mediator }, roomId = room, startsAt = start, endsAt = start.AddHours(1) });
        Assert.Equal(HttpStatusCode.BadRequest, booking.StatusCode);
        Assert.Contains("not active", (await booking.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("roomId")[0].GetString());
        // a session booked there before: not moved to a new slot in the wound-up room, but it can be called off
        var move = await admin.PostAsJsonAsync($"/api/sessions/{booked}/reschedule", new { startsAt = start, endsAt = start.AddHours(1) });
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
        Assert.Contains("not active", (await move.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("roomId")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/sessions/{booked}/cancel", new { reason = "调解室撤销" })).StatusCode);
        var joining = await admin.PostAsJsonAsync("/api/mediators", new
        {
            name = "新调解员", phone = "13900000001", kind = "police", organizationId = first, regionCodes = new[] { place.Town }, maxActiveCases = 5,
        });
        Assert.Equal(HttpStatusCode.BadRequest, joining.StatusCode);
        Assert.True((await joining.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("organizationId", out _));

        // restored: routed to again
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/organizations/{first}", new { active = true })).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/organizations/{first}")).GetProperty("active").GetBoolean());
        Assert.Equal(first, await RoutedAsync());
    }

    [Fact]
    public async Task If_Match_makes_a_directory_change_only_to_the_revision_read_and_a_stale_one_changes_nothing()
    {
        var place = await Place.CreateAsync(_f);
        using var admin = _f.Admin();
        async Task<HttpResponseMessage> Patch(string url, object body, string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await admin.SendAsync(request);
        }
        Task<int> History(Guid id) => _f.WithDbAsync(db => db.DirectoryChanges.CountAsync(c => c.EntityId == id));

        // an organisation: GET gives the ETag; a PATCH to it moves the revision on; the same ETag again is stale
        var org = await place.OrganizationAsync(_f, "court");
        var url = $"/api/organizations/{org}";
        Assert.Equal("\"1\"", (await admin.GetAsync(url)).Headers.ETag?.Tag);
        var ok = await Patch(url, new { name = "改名法庭" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(("\"2\"", 2), (ok.Headers.ETag?.Tag, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32()));
        var stale = await Patch(url, new { name = "又改名" }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("改名法庭", (await admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("name").GetString());
        Assert.Equal(1, await History(org));
        Assert.Equal(HttpStatusCode.OK, (await Patch(url, new { name = "后改者" }, null)).StatusCode); // without If-Match the last change wins
        var tooLong = await Patch(url, new { name = "x" }, new string('9', 30));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("If-Match", out _));

        // two admins who read the same revision change it at once: one change is made, the other sees 412
        var both = await Task.WhenAll(Patch(url, new { name = "甲法庭" }, "\"3\""), Patch(url, new { name = "乙法庭" }, "\"3\""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], both.Select(r => r.StatusCode).Order().ToArray());
        Assert.Equal(3, await History(org));
        var winner = await both.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(winner.GetProperty("name").GetString(), (await admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("name").GetString());

        // a mediator: assignments move the workload, not the revision, so an ETag read before them is still good
        var m = await place.MediatorAsync(_f, fixture.CommitteeId, max: 5);
        var murl = $"/api/mediators/{m}";
        Assert.Equal("\"1\"", (await admin.GetAsync(murl)).Headers.ETag?.Tag);
        await place.CaseAsync(_f);
        var assigned = await Eventually.TrueAsync(() => _f.WithDbAsync(db => db.Mediators.AnyAsync(x => x.Id == m && x.ActiveCases == 1)), TimeSpan.FromSeconds(10));
        Assert.True(assigned, "the new dispute should be assigned to the place's only mediator within 10 s");
        var raised = await Patch(murl, new { maxActiveCases = 8 }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("\"2\"", raised.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Patch(murl, new { maxActiveCases = 9 }, "\"1\"")).StatusCode);
        Assert.Equal(8, (await admin.GetFromJsonAsync<JsonElement>(murl)).GetProperty("maxActiveCases").GetInt32());
    }
}
