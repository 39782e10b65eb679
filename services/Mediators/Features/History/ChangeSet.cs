using System.Text.Json;
using System.Text.Json.Serialization;
using MediationPlatform.Mediators.Data;

namespace MediationPlatform.Mediators.Features.History;

/// <summary>Collects field changes of one PATCH (old → new) and writes them as a <see cref="DirectoryChange"/>.</summary>
public sealed class ChangeSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Dictionary<string, object?> _changes = [];

    public bool Any => _changes.Count > 0;

    /// <summary>Applies <paramref name="next"/> when it differs from <paramref name="current"/>, recording the change.</summary>
    public T Set<T>(string field, T current, T next)
    {
        if (Equals(current, next)) return current;
        _changes[field] = new { from = current, to = next };
        return next;
    }

    public List<T> SetList<T>(string field, List<T> current, List<T> next)
    {
        if (current.SequenceEqual(next)) return current;
        _changes[field] = new { from = current, to = next };
        return next;
    }

    /// <summary>A change whose values are not to be recorded (the webhook secret).</summary>
    public void Note(string field, object? summary) => _changes[field] = summary;

    public void Write(MediatorsDbContext db, string kind, Guid id, string by, DateTimeOffset at) =>
        db.DirectoryChanges.Add(new DirectoryChange
        {
            Id = Guid.CreateVersion7(), EntityKind = kind, EntityId = id, By = by, At = at,
            Changes = JsonSerializer.Serialize(_changes, Json),
        });
}
