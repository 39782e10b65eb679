namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>A parked message: its id, why it failed (MassTransit's fault headers) and its envelope as sent.</summary>
public sealed record DeadLetterMessage(
    string? MessageId, string? ExceptionType, string? ExceptionMessage, string? FaultedAt, string? Reason, bool Redelivered, string Envelope);

/// <summary>A consumer queue of the service and how many messages wait in its error queue.</summary>
public sealed record DeadLetterQueue(string Queue, string ErrorQueue, uint Messages);
