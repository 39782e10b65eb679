using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Organizations;

public sealed class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public List<string> ServesRegionCodes { get; set; } = [];
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the organisation serves a place (referral routing, rooms, supervision notices).</summary>
    public bool Serves(RegionPath place) => place.IsWithinAny(ServesRegionCodes);
}
