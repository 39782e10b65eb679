using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// A unit of work sends no savepoints (<see cref="ServiceDatabase.UnitsOfWork"/>, ADR 0017): EF's automatic
/// <c>SAVEPOINT</c>/<c>RELEASE</c> around a save in a transaction were two round trips of every change, for a retry
/// within the transaction that nothing here makes.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class UnitOfWorkTests(CasesFixture fixture)
{
    private readonly CasesFactory _f = fixture.Factory;

    [Fact]
    public async Task The_services_contexts_keep_savepoints_off_also_when_the_pool_hands_one_out_again()
    {
        await using (var scope = _f.Services.CreateAsyncScope())
            Assert.False(scope.ServiceProvider.GetRequiredService<CasesDbContext>().Database.AutoSavepointsEnabled,
                "the service's context has automatic savepoints on");

        // a pool of one: the same instance comes back, with the constructor's choice restored whatever a caller left
        var pool = new PooledDbContextFactory<CasesDbContext>(new DbContextOptionsBuilder<CasesDbContext>()
            .UseNpgsql(_f.Database.ConnectionString).UseSnakeCaseNamingConvention().Options, poolSize: 1);
        CasesDbContext first;
        await using (first = await pool.CreateDbContextAsync())
        {
            Assert.False(first.Database.AutoSavepointsEnabled);
            first.Database.AutoSavepointsEnabled = true;
        }
        await using var again = await pool.CreateDbContextAsync();
        Assert.Same(first, again);
        Assert.False(again.Database.AutoSavepointsEnabled, "the pooled context came back with automatic savepoints on");
    }

    [Fact]
    public async Task A_registration_saves_in_its_transaction_without_a_savepoint()
    {
        using var watch = new SavepointWatch();

        // the watch sees savepoints: a context with EF's default makes one in the same kind of unit
        await using var control = new CasesDbContext(new DbContextOptionsBuilder<CasesDbContext>()
            .UseNpgsql(_f.Database.ConnectionString).UseSnakeCaseNamingConvention().Options);
        {
            control.Database.AutoSavepointsEnabled = true;
            await using var tx = await control.Database.BeginTransactionAsync();
            control.Add(new Features.Numbering.CaseNumberCounter { Prefix = "SAVEPOINT-CONTROL", Year = 2026, Kind = CaseKind.Dispute, LastValue = 1 });
            await control.SaveChangesAsync();
            await tx.RollbackAsync();
            Assert.True(watch.Of(control) > 0, "the control context's save in a transaction should have made a savepoint");
        }

        using var client = _f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var response = await client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = watch.OfTheServiceBut(control);
        Assert.True(made == 0, $"the service's contexts made {made} savepoint(s) for a registration; expected none");
    }

    /// <summary>Counts EF's "creating savepoint" events per context (EF's diagnostic source, the whole process).</summary>
    private sealed class SavepointWatch : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentDictionary<DbContext, int> _counts = new(ReferenceEqualityComparer.Instance);
        private readonly List<IDisposable> _subscriptions = [];

        public SavepointWatch() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Of(DbContext db) => _counts.GetValueOrDefault(db);

        /// <summary>Savepoints made by the case service's contexts, all but <paramref name="control"/>.</summary>
        public int OfTheServiceBut(DbContext control) =>
            _counts.Where(c => c.Key is CasesDbContext && !ReferenceEquals(c.Key, control)).Sum(c => c.Value);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CreatingTransactionSavepoint.Name || e.Value is not TransactionEventData { Context: { } db }) return;
            _counts.AddOrUpdate(db, 1, (_, n) => n + 1);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
