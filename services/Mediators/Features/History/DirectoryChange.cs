namespace MediationPlatform.Mediators.Features.History;

/// <summary>History of the directory: one row per PATCH of an organisation or a mediator, with each changed field's old and new value.</summary>
public sealed class DirectoryChange
{
    public Guid Id { get; set; }
    public string EntityKind { get; set; } = "";
    public Guid EntityId { get; set; }
    public string Changes { get; set; } = "{}";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
