using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Gateway.Data;
using MediationPlatform.ServiceDefaults.Audit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Tests;

/// <summary>
/// The security audit trail at the gateway (issue 23, ADR 0022), tried as an auditor and as an attacker with database
/// access would: sign-ins, refusals, lockouts and account changes are recorded with who, what, when and from where; only
/// admins and auditors read them; the table refuses UPDATE and DELETE; a row edited or removed behind the triggers' back
/// is found by the chain check.
/// </summary>
public sealed class AuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayFactory _f = fixture.Factory;

    private async Task<(HttpClient Admin, Guid Id, string Name)> NewUserAsync(HttpClient admin, string role)
    {
        var name = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/users",
            new { userName = name, password = "Right-password-1", displayName = "x", roles = new[] { role }, regionCodes = new[] { "muer" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), name);
    }

    [Fact]
    public async Task Sign_ins_refusals_lockouts_and_account_changes_are_in_the_trail_which_only_admins_and_auditors_read()
    {
        using var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        var (_, userId, name) = await NewUserAsync(admin, "statistician");
        var (_, _, auditorName) = await NewUserAsync(admin, "auditor");
        await _f.PasswordTokenAsync(name, "Right-password-1");
        for (var i = 0; i < 5; i++) await _f.TokenAsync(("grant_type", "password"), ("username", name), ("password", "Wrong-password-" + i));
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/users/{userId}", new { password = "Right-password-2" })).StatusCode);

        using var auditor = _f.ClientWithToken(await _f.PasswordTokenAsync(auditorName, "Right-password-1"));
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=100");
        var mine = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == userId.ToString()).ToList();
        var kinds = mine.Select(e => e.GetProperty("kind").GetString()).Reverse().ToList();
        Assert.True(kinds.SequenceEqual(["user_created", "sign_in", "sign_in_refused", "sign_in_refused", "sign_in_refused", "sign_in_refused", "sign_in_refused",
            "account_locked", "user_changed"]), string.Join(", ", kinds));
        var signIn = mine.Single(e => e.GetProperty("kind").GetString() == "sign_in");
        Assert.Equal(userId.ToString(), signIn.GetProperty("actor").GetString());
        Assert.Equal("gateway", signIn.GetProperty("service").GetString());
        Assert.True(signIn.TryGetProperty("address", out _)); // the client's address (none in the in-process test server)
        Assert.Matches("^[0-9a-f]{64}$", signIn.GetProperty("hash").GetString()!);
        var changed = mine.Single(e => e.GetProperty("kind").GetString() == "user_changed");
        Assert.True(changed.GetProperty("details").GetProperty("passwordSet").GetBoolean());
        Assert.DoesNotContain("Right-password", page.ToString()); // references, never secrets or personal data
        Assert.Equal(["cases", "reporting"], page.GetProperty("unavailable").EnumerateArray().Select(u => u.GetString())); // nothing listens there in this test

        var refusals = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?kind=account_locked");
        Assert.All(refusals.GetProperty("items").EnumerateArray(), e => Assert.Equal("account_locked", e.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit")).StatusCode);
        using var statistician = _f.ClientWithToken(await _f.PasswordTokenAsync(name, "Right-password-2"));
        Assert.Equal(HttpStatusCode.Forbidden, (await statistician.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/audit?page=100&pageSize=100")).StatusCode);
    }

    [Fact]
    public async Task The_trail_is_insert_only_and_an_edited_or_removed_row_breaks_the_chain()
    {
        using var admin = _f.ClientWithToken(await _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword));
        for (var i = 0; i < 3; i++) await NewUserAsync(admin, "statistician");
        // ten sign-ins at once: the chain does not fork (one advisory lock, hashes computed in the database)
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _f.PasswordTokenAsync("admin", GatewayFactory.AdminPassword)));
        var (entries, broken) = await _f.WithDbAsync<GatewayDbContext, (long, long?)>(db => AuditTrail.VerifyAsync(db, CancellationToken.None));
        Assert.True(entries >= 14 && broken is null, $"entries={entries} broken={broken}");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => _f.WithDbAsync<GatewayDbContext, int>(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 2")));
        Assert.Contains("insert-only", refused.ToString());
        await Assert.ThrowsAnyAsync<Exception>(() => _f.WithDbAsync<GatewayDbContext, int>(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE seq = 2")));

        // an attacker who can switch the triggers off: the check finds the edit and the removal (rolled back afterwards)
        foreach (var (tamper, expected) in new[]
                 {
                     ("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 3", 3L),
                     ("DELETE FROM audit_entries WHERE seq = 4", 5L),
                     ("UPDATE audit_entries SET kind = 'sign_in', hash = hash WHERE seq = 2", 2L),
                 })
        {
            var found = await _f.WithDbAsync<GatewayDbContext, long?>(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_or_delete");
                await db.Database.ExecuteSqlRawAsync(tamper);
                var (_, at) = await AuditTrail.VerifyAsync(db, CancellationToken.None);
                await tx.RollbackAsync();
                return at;
            }));
            Assert.True(found == expected, $"{tamper}: the check said {found?.ToString() ?? "intact"}, expected broken at {expected}");
        }
        Assert.Null((await _f.WithDbAsync<GatewayDbContext, (long, long?)>(db => AuditTrail.VerifyAsync(db, CancellationToken.None))).Item2);
    }
}
