using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Mediators.Data;
using MediationPlatform.TestKit;

namespace MediationPlatform.Mediators.Tests;

public sealed class MediatorsFactory : ServiceFactory<Program>
{
    /// <summary>Webhook timings shortened for tests; local listeners allowed (Testing environment).</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:AttemptTimeout"] = "00:00:00.400",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:BreakDuration"] = "00:01:00",
    };

    private MediatorsFactory(TestInfrastructure i, TestDatabase d, TestVirtualHost v) : base(i, d, v, "Mediators", Settings) { }

    public static Task<MediatorsFactory> StartAsync() => CreateAsync("mediators", (i, d, v) => new MediatorsFactory(i, d, v));

    public Task<T> WithDbAsync<T>(Func<MediatorsDbContext, Task<T>> action) => WithDbAsync<MediatorsDbContext, T>(action);

    public HttpClient Admin() => ClientWithToken(TestTokens.Shared.Mint(Roles.Admin));

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class MediatorsFixture : IAsyncLifetime
{
    public MediatorsFactory Factory { get; private set; } = null!;
    public Guid CommitteeId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory = await MediatorsFactory.StartAsync();
        using var admin = Factory.Admin();
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = "yubei", name = "渝北区", kind = "district" }));
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = "muer", name = "木耳镇", kind = "town", parentCode = "yubei" }));
        for (var i = 1; i <= 4; i++)
            await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = $"muer-v0{i}", name = $"村{i}", kind = "village", parentCode = "muer" }));
        var committee = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/organizations",
            new { name = "木耳镇人民调解委员会", kind = "mediation_committee", regionCode = "muer", servesRegionCodes = new[] { "muer" } }));
        CommitteeId = committee.GetProperty("id").GetGuid();
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class MediatorsCollection : ICollectionFixture<MediatorsFixture>
{
    public const string Name = "mediators";
}
