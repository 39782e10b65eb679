using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Mediators;

public sealed class Mediator
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public MediatorKind Kind { get; set; }
    public Guid OrganizationId { get; set; }
    public List<string> RegionCodes { get; set; } = [];
    public List<DisputeCategory> Specialties { get; set; } = [];
    public int MaxActiveCases { get; set; }
    public bool Active { get; set; } = true;
    public int ActiveCases { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint RowVersion { get; set; }

    /// <summary>
    /// Grows by one with every change of the directory's fields (PATCH): the ETag (<see cref="History.DirectoryRevision"/>).
    /// Not the row version, which the workload counter moves with every assignment.
    /// </summary>
    public int Revision { get; set; } = 1;

    /// <summary>Whether the mediator serves a place: one of their region codes is the place, its town or its district.</summary>
    public bool Serves(RegionPath place) => place.IsWithinAny(RegionCodes);
}
