using MediationPlatform.Contracts;

namespace MediationPlatform.Reporting.Features.Projections;

public sealed class MediatorFact
{
    public Guid MediatorId { get; set; }
    public MediatorKind Kind { get; set; }
    public List<string> RegionCodes { get; set; } = [];
    public bool Active { get; set; }
}
