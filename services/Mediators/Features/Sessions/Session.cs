using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Features.Sessions;

/// <summary>A mediation session (调解会) booked for a case.</summary>
public sealed class Session : IRegionPlaced
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public List<Guid> MediatorIds { get; set; } = [];
    public Guid? RoomId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Location { get; set; }
    public string RegionCode { get; set; } = "";
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }

    /// <summary>null until the outcome is recorded.</summary>
    public bool? Held { get; set; }
    public int? AttendeeCount { get; set; }
    public string? Summary { get; set; }
    public DateTimeOffset? RecordedOccurredAt { get; set; }
    public string? RecordedBy { get; set; }
    public string ScheduledBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }

    /// <summary>When it was called off (the step's <c>occurredAt</c>); null while it stands. Its bookings are gone then.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancelReason { get; set; }
    public uint RowVersion { get; set; }
    public List<SessionBooking> Bookings { get; set; } = [];

    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);

    public SessionStatus Status => CancelledAt is not null ? SessionStatus.Cancelled
        : Held switch { true => SessionStatus.Held, false => SessionStatus.NotHeld, null => SessionStatus.Scheduled };
}
