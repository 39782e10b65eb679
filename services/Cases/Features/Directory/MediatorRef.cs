using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Directory;

/// <summary>
/// The directory's mediators as this service learned them from MediatorRegistered (name, kind, the regions they serve,
/// active) — what a ledger import needs to find a 调解员 by name among a town's mediators. No phone.
/// </summary>
public sealed class MediatorRef
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public MediatorKind Kind { get; set; }
    public List<string> RegionCodes { get; set; } = [];
    public bool Active { get; set; }

    /// <summary>When the directory recorded the state held here; an older MediatorRegistered arriving late is ignored.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
