namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>A parked message: its id, why it failed (MassTransit's fault headers) and its envelope as sent.</summary>
public sealed record DeadLetterMessage(
    string? MessageId, string? ExceptionType, string? ExceptionMessage, string? FaultedAt, string? Reason, bool Redelivered, string Envelope);
