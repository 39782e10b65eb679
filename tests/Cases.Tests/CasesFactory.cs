using MediationPlatform.Cases.Data;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Tests;

/// <summary>The case service in-process against real PostgreSQL and RabbitMQ, with the 木耳镇 regions it learned from events.</summary>
public sealed class CasesFactory : ServiceFactory<Program>
{
    public const string District = "yubei";
    public const string Town = "muer";
    public const string Village = "muer-v01";
    public const string OtherTown = "gulu";
    public const string OtherVillage = "gulu-v01";

    private CasesFactory(TestInfrastructure i, TestDatabase d, TestVirtualHost v, IDictionary<string, string?>? more)
        : base(i, d, v, "Cases", new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["Deadlines:CheckInterval"] = "01:00:00" }) { }

    /// <summary>A case service of its own; <paramref name="more"/> settings (from its database) on top of the tests' own.</summary>
    public static Task<CasesFactory> StartAsync(Func<TestDatabase, IDictionary<string, string?>>? more = null) =>
        CreateAsync("cases", (i, d, v) => new CasesFactory(i, d, v, more?.Invoke(d)));

    public Task<T> WithDbAsync<T>(Func<CasesDbContext, Task<T>> action) => WithDbAsync<CasesDbContext, T>(action);

    /// <summary>Publishes the region tree the way the mediator service would, and waits until it has been applied.</summary>
    public async Task SeedRegionsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(new RegionRegistered(District, "渝北区", RegionKind.District, null, null, District, now));
        await PublishAsync(new RegionRegistered(Town, "木耳镇", RegionKind.Town, District, Town, District, now));
        await PublishAsync(new RegionRegistered(Village, "金刚村", RegionKind.Village, Town, Town, District, now));
        await PublishAsync(new RegionRegistered(OtherTown, "古路镇", RegionKind.Town, District, OtherTown, District, now));
        await PublishAsync(new RegionRegistered(OtherVillage, "古路村", RegionKind.Village, OtherTown, OtherTown, District, now));
        var ok = await Eventually.TrueAsync(() => WithDbAsync(db => db.Regions.CountAsync().ContinueWith(t => t.Result == 5)), TimeSpan.FromSeconds(20));
        if (!ok) throw new InvalidOperationException("RegionRegistered events were not applied");
    }
}

/// <summary>One service instance for all test classes of this assembly.</summary>
public sealed class CasesFixture : IAsyncLifetime
{
    public CasesFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await CasesFactory.StartAsync();
        await Factory.SeedRegionsAsync();
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class CasesCollection : ICollectionFixture<CasesFixture>
{
    public const string Name = "cases";
}
