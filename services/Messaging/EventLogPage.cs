namespace MediationPlatform.Messaging;

public sealed record EventLogPage(IReadOnlyList<EventLogEntry> Items, long Last, bool More);
