namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>A mediation session (SessionScheduled / SessionHeld). Held is set only when the session took place.</summary>
public sealed class SessionFact
{
    public Guid SessionId { get; set; }
    public Guid CaseId { get; set; }
    public string? RegionCode { get; set; }
    public string? TownCode { get; set; }
    public string? DistrictCode { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? HeldAt { get; set; }
}
