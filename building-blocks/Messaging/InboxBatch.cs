using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediationPlatform.Messaging;

/// <summary>
/// MassTransit's batch delivery (<see cref="Batch{T}"/>) of an inbox consumer's queue: the deliveries that arrived
/// together — up to <see cref="InboxBatchSettings.MessageLimit"/>, or what came within
/// <see cref="InboxBatchSettings.TimeLimit"/> of the first — go to <typeparamref name="TConsumer"/> as one unit of work
/// (<see cref="InboxConsumer{TMessage, TDbContext}"/>). The queue keeps the consumer's name (<see cref="InboxEndpointNameFormatter"/>)
/// and the inbox its consumer name, so switching a consumer to batches changes neither.
/// </summary>
public sealed class InboxBatch<TConsumer, TMessage>(TConsumer consumer) : IConsumer<Batch<TMessage>>
    where TConsumer : class, IInboxUnit<TMessage>
    where TMessage : class
{
    public Task Consume(ConsumeContext<Batch<TMessage>> context) =>
        consumer.ConsumeAllAsync(context.Message.ToList(), context.CancellationToken);
}

/// <summary>How a batched inbox consumer collects its deliveries (ADR 0017, eighth session).</summary>
public sealed record InboxBatchSettings
{
    /// <summary>At most this many deliveries in one unit of work (the queue's prefetch rises to match).</summary>
    public int MessageLimit { get; init; } = 32;

    /// <summary>
    /// How long a batch waits for more after its first delivery: the added delay when the queue is quiet, and what
    /// makes a batch of a steady stream (at 120 new cases a second, about six). A backlog fills batches at once.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Units of work of this queue at once (1: one after the other, in delivery order). A batch whose message waits out
    /// MassTransit's retries (up to about 9 s before it is parked) holds its slot meanwhile: with 1, the whole queue waits.
    /// </summary>
    public int ConcurrencyLimit { get; init; } = 1;

    /// <summary>Two batches at a time: for consumers whose messages are about different cases and may be applied in any order.</summary>
    public static InboxBatchSettings Two { get; } = new() { ConcurrencyLimit = 2 };
}

public static class InboxBatchRegistration
{
    /// <summary>
    /// Consumes <typeparamref name="TConsumer"/>'s queue in batches (<see cref="InboxBatch{TConsumer, TMessage}"/>). Only for a
    /// consumer whose messages do not depend on each other's unsaved changes (<see cref="InboxConsumer{TMessage, TDbContext}.ApplyAllAsync"/>).
    /// </summary>
    public static void AddInboxBatchConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator x, InboxBatchSettings? settings = null)
        where TConsumer : class, IInboxUnit<TMessage>
        where TMessage : class
    {
        var s = settings ?? new InboxBatchSettings();
        x.TryAddScoped<TConsumer>();
        x.AddConsumer<InboxBatch<TConsumer, TMessage>>(c => c.Options<BatchOptions>(o => o
                .SetMessageLimit(s.MessageLimit).SetTimeLimit(s.TimeLimit).SetConcurrencyLimit(s.ConcurrencyLimit)))
            .Endpoint(e => e.ConcurrentMessageLimit = s.MessageLimit * s.ConcurrencyLimit);
    }
}

/// <summary>
/// The platform's queue names ("{service}-{consumer}", kebab case), with a batched consumer's queue named after the
/// consumer it wraps (<see cref="InboxBatch{TConsumer, TMessage}"/>), not after the wrapper.
/// </summary>
public sealed class InboxEndpointNameFormatter(string prefix) : KebabCaseEndpointNameFormatter(prefix, false)
{
    protected override string GetConsumerName(Type type) =>
        base.GetConsumerName(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(InboxBatch<,>) ? type.GetGenericArguments()[0] : type);
}
