using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The case's row lock for a change (<see cref="CaseStore.LoadForChangeAsync(Guid, bool, CancellationToken)"/>): taken
/// with its wait limit in the same statement (ADR 0017), so a writer waits at most <see cref="CaseStore.LockTimeout"/>
/// behind another, and holds the row until its transaction ends.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class CaseLockTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    private async Task<Guid> RegisterAsync()
    {
        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var response = await client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Whether another session can lock the row right now (<c>NOWAIT</c>).</summary>
    private async Task<bool> RowFreeAsync(Guid id)
    {
        await using var other = new NpgsqlConnection(_f.Database.ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM cases WHERE id = $1 FOR UPDATE NOWAIT", other, tx) { Parameters = { new() { Value = id } } };
        try
        {
            await cmd.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_change_waits_at_most_the_lock_timeout_behind_another_writer_and_then_holds_the_row(bool withChildren)
    {
        var id = await RegisterAsync();

        // another writer holds the row: the load gives up after the lock timeout (55P03), not before, not much later
        await using (var holder = new NpgsqlConnection(_f.Database.ConnectionString))
        {
            await holder.OpenAsync();
            await using var held = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT id FROM cases WHERE id = $1 FOR UPDATE", holder, held) { Parameters = { new() { Value = id } } })
                await lockRow.ExecuteScalarAsync();
            var watch = Stopwatch.StartNew();
            var thrown = await Assert.ThrowsAnyAsync<Exception>(() => LoadAsync(id, withChildren, keep: TimeSpan.Zero));
            watch.Stop();
            // EF wraps it as a transient failure (the service's retrying strategy would run the unit again)
            var error = thrown as PostgresException ?? thrown.InnerException as PostgresException;
            Assert.True(error is { SqlState: PostgresErrorCodes.LockNotAvailable }, $"expected a lock timeout (55P03), got {thrown}");
            Assert.InRange(watch.Elapsed, CaseStore.LockTimeout - TimeSpan.FromMilliseconds(200), CaseStore.LockTimeout + TimeSpan.FromSeconds(5));
            await held.RollbackAsync();
        }

        // free: loaded, and the row is locked until the loading transaction ends
        var loadedWhileHeld = LoadAsync(id, withChildren, keep: TimeSpan.FromSeconds(2));
        var locked = await Eventually.TrueAsync(async () => !await RowFreeAsync(id), TimeSpan.FromSeconds(2), 50);
        var c = await loadedWhileHeld;
        Assert.True(locked, "the row should be locked while the loading transaction is open");
        Assert.Equal(id, c.Id);
        Assert.Equal(withChildren, c.Parties.Count > 0);
        Assert.True(await RowFreeAsync(id), "the row should be free once the loading transaction ended");
    }

    [Fact]
    public async Task A_missing_case_loads_as_null()
    {
        await using var scope = _f.Services.CreateAsyncScope();
        var (db, store) = Store(scope);
        await using (db)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Null(await store.LoadForChangeAsync(Guid.CreateVersion7(), withChildren: false, default));
            Assert.Null(await store.LoadForChangeAsync(Guid.CreateVersion7(), withChildren: true, default));
        }
    }

    /// <summary>
    /// A store over a context of its own without the retrying strategy: the service's strategy would repeat a lock
    /// timeout (55P03 is transient to Npgsql), and the test measures one wait.
    /// </summary>
    private (CasesDbContext Db, CaseStore Store) Store(AsyncServiceScope scope)
    {
        var db = new CasesDbContext(new DbContextOptionsBuilder<CasesDbContext>()
            .UseNpgsql(_f.Database.ConnectionString).UseSnakeCaseNamingConvention().Options);
        return (db, ActivatorUtilities.CreateInstance<CaseStore>(scope.ServiceProvider, db));
    }

    /// <summary>Loads the case for a change in a transaction of its own, keeps the transaction open a while, rolls back.</summary>
    private async Task<Domain.Case> LoadAsync(Guid id, bool withChildren, TimeSpan keep)
    {
        await using var scope = _f.Services.CreateAsyncScope();
        var (db, store) = Store(scope);
        await using (db)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var c = await store.LoadForChangeAsync(id, withChildren, default) ?? throw new InvalidOperationException($"case {id} not found");
            await Task.Delay(keep);
            await tx.RollbackAsync();
            return c;
        }
    }
}
