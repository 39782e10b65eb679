using System.Collections.Concurrent;

namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>The queue names of this service's consumers, as MassTransit configured them at start.</summary>
public sealed class ReceiveEndpointNames
{
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public void Add(string name) => _names.TryAdd(name, 0);

    public bool Contains(string name) => _names.ContainsKey(name);

    public IReadOnlyCollection<string> All => _names.Keys.ToList();
}
