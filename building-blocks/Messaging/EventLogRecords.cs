using System.Text.Json;

namespace MediationPlatform.Messaging;

/// <summary>One event of a service's log: its position (the outbox sequence), message id, type name and payload.</summary>
public sealed record EventLogEntry(long Position, Guid Id, string Type, Guid? AggregateId, DateTimeOffset CreatedAt, JsonElement Payload);

public sealed record EventLogPage(IReadOnlyList<EventLogEntry> Items, long Last, bool More);
