using MassTransit;

namespace MediationPlatform.Messaging;

/// <summary>Records each consumed message's lag (publish → consume) into <see cref="MessagingMetrics"/>.</summary>
public sealed class ConsumerLagObserver(MessagingMetrics metrics) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        // a batch (InboxBatch) is not a message: its deliveries were each recorded as they arrived
        if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>)) return Task.CompletedTask;
        if (context.SentTime is { } sent) metrics.RecordLag(TimeProvider.System.GetUtcNow().UtcDateTime - sent, typeof(T).Name);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
