namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>A consumer queue of the service and how many messages wait in its error queue.</summary>
public sealed record DeadLetterQueue(string Queue, string ErrorQueue, uint Messages);
