using System.Net.Http.Json;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Tests;

/// <summary>A district → town → village of its own for one test, so mediators of other tests never qualify.</summary>
public sealed record Place(string District, string Town, string Village)
{
    public static async Task<Place> CreateAsync(MediatorsFactory f)
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        using var admin = f.Admin();
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = $"d{n}", name = "区", kind = "district" }));
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = $"t{n}", name = "镇", kind = "town", parentCode = $"d{n}" }));
        await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/regions", new { code = $"v{n}", name = "村", kind = "village", parentCode = $"t{n}" }));
        return new Place($"d{n}", $"t{n}", $"v{n}");
    }

    public async Task<Guid> OrganizationAsync(MediatorsFactory f, string kind = "mediation_committee", object? webhook = null)
    {
        using var admin = f.Admin();
        var org = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/organizations",
            new { name = $"{kind} {Town}", kind, regionCode = Town, servesRegionCodes = new[] { Town }, webhook }));
        return org.GetProperty("id").GetGuid();
    }

    public async Task<Guid> MediatorAsync(MediatorsFactory f, Guid organizationId, string kind = "village", string? region = null, int max = 5,
        string[]? specialties = null)
    {
        using var admin = f.Admin();
        var m = await MediatorsFactory.CreatedAsync(await admin.PostAsJsonAsync("/api/mediators", new
        {
            name = $"调解员{Guid.NewGuid().ToString("N")[..4]}", phone = "13900000009", kind, organizationId,
            regionCodes = new[] { region ?? Village }, specialties = specialties ?? [], maxActiveCases = max,
        }));
        return m.GetProperty("id").GetGuid();
    }

    /// <summary>Publishes CaseRegistered as the case service would and waits until this service knows the case.</summary>
    public async Task<Guid> CaseAsync(MediatorsFactory f, CaseKind kind = CaseKind.Dispute, RiskLevel risk = RiskLevel.Low,
        DateTimeOffset? receivedAt = null)
    {
        var caseId = Guid.NewGuid();
        var at = receivedAt ?? DateTimeOffset.UtcNow.AddDays(-1);
        await f.PublishAsync(new CaseRegistered(caseId, 1, at, DateTimeOffset.UtcNow, $"T-{caseId.ToString()[..8]}", kind,
            DisputeCategory.Neighbourhood, kind == CaseKind.Petition ? PetitionType.Claim : null, Village, Town, District,
            CaseSource.Application, CaseChannel.WalkIn, risk, at, 1, null, "u", null));
        if (!await Eventually.TrueAsync(() => f.WithDbAsync(db => db.Cases.AnyAsync(c => c.CaseId == caseId)), TimeSpan.FromSeconds(10)))
            throw new TimeoutException("CaseRegistered was not consumed");
        return caseId;
    }

    public static async Task<int> ActiveCasesAsync(MediatorsFactory f, Guid mediatorId)
    {
        using var admin = f.Admin();
        var m = await admin.GetFromJsonAsync<JsonElement>($"/api/mediators/{mediatorId}");
        return m.GetProperty("activeCases").GetInt32();
    }
}
