using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>
/// The directory's organisations as this service learned them from OrganizationRegistered: kind and the regions served —
/// what intake needs to refuse a dispute handed in for a place the organisation does not serve, without writing anything.
/// </summary>
public sealed class OrganizationRef
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string RegionCode { get; set; } = "";
    public List<string> ServesRegionCodes { get; set; } = [];

    /// <summary>False once the directory winds it up or merges it: it hands no dispute in and is not chosen as a petition office.</summary>
    public bool Active { get; set; } = true;

    /// <summary>When the directory recorded the state held here; an older event arriving late is ignored.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Whether it serves a place (a town it serves covers the town's villages: <see cref="RegionPath"/>).</summary>
    public bool Serves(RegionPath place) => place.IsWithinAny(ServesRegionCodes);
}
