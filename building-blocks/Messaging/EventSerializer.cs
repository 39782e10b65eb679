using System.Text.Json;
using System.Text.Json.Serialization;
using MediationPlatform.Contracts.Events;

namespace MediationPlatform.Messaging;

/// <summary>Serialises events for the outbox and maps stored names back to types through <see cref="EventCatalog"/>.</summary>
public static class EventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private static readonly Dictionary<string, Type> ByName = EventCatalog.All.ToDictionary(t => t.Name);

    public static string NameOf(Type type) =>
        ByName.TryGetValue(type.Name, out var known) && known == type
            ? type.Name
            : throw new InvalidOperationException($"{type.FullName} is not in EventCatalog.All; add it there.");

    /// <summary>Whether <paramref name="name"/> is an event type of <see cref="EventCatalog"/>.</summary>
    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static Type TypeOf(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown event type '{name}'.");

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    public static object Deserialize(string name, JsonElement payload) =>
        payload.Deserialize(TypeOf(name), Options) ?? throw new InvalidOperationException($"Empty payload for {name}.");

    public static object Deserialize(string name, string payload) =>
        JsonSerializer.Deserialize(payload, TypeOf(name), Options)
        ?? throw new InvalidOperationException($"Empty payload for {name}.");
}
