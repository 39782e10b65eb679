namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>A projection that can be applied outside a bus delivery too (the rebuild replays the event log through it).</summary>
public interface IProjection
{
    /// <summary>The inbox consumer name: live deliveries and replays of the same message share the inbox row.</summary>
    string InboxName { get; }

    Task ProjectAsync(object message, CancellationToken ct);
}
