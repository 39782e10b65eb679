using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MediationPlatform.Messaging.DeadLetters;

/// <summary>
/// The <c>_error</c> queues of this service's consumers (where MassTransit parks a message that failed every retry):
/// count, inspect and move back. Works over AMQP as the service's own RabbitMQ user, which may read and write only its
/// own queues (deploy/rabbitmq/permissions.tsv) — no management credentials (ADR 0016).
/// </summary>
public sealed class DeadLetterQueues(RabbitMqSettings settings, ReceiveEndpointNames endpoints)
{
    public const string ErrorSuffix = "_error";
    private static readonly string[] FaultHeaders = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    /// <summary>Whether <paramref name="queue"/> is one of this service's consumer queues.</summary>
    public bool Owns(string queue) => endpoints.Contains(queue);

    private Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        SslOption Ssl(string host) => settings.UseTls
            ? new SslOption
            {
                Enabled = true, ServerName = settings.ServerName ?? host,
                CertificateValidationCallback = BrokerCertificate.Validator(settings.CaCertificatePath),
            }
            : new SslOption();
        var factory = new ConnectionFactory
        {
            HostName = settings.Host, Port = settings.Port, VirtualHost = settings.VirtualHost, UserName = settings.Username,
            Password = settings.Password, ClientProvidedName = "dead-letters", Ssl = Ssl(settings.Host),
        };
        var nodes = settings.ClusterNodes();
        if (nodes.Length == 0) return factory.CreateConnectionAsync(ct);
        // a cluster (ADR 0028): the first node that answers
        var endpoints = nodes.Select(n => AmqpTcpEndpoint.Parse(n)).Select(e => new AmqpTcpEndpoint(e.HostName, e.Port, Ssl(e.HostName))).ToList();
        return factory.CreateConnectionAsync(endpoints, ct);
    }

    /// <summary>Every consumer queue of this service with the number of messages parked in its error queue.</summary>
    public async Task<IReadOnlyList<DeadLetterQueue>> ListAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        var result = new List<DeadLetterQueue>();
        foreach (var queue in endpoints.All.Order(StringComparer.Ordinal))
        {
            // a passive declare of a queue that does not exist closes the channel: one channel per queue
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            uint count;
            try
            {
                count = (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, ct)).MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                count = 0; // nothing ever failed there: MassTransit creates the error queue on the first fault
            }
            result.Add(new DeadLetterQueue(queue, queue + ErrorSuffix, count));
        }
        return result;
    }

    /// <summary>Up to <paramref name="max"/> parked messages, oldest first, left where they are.</summary>
    public async Task<IReadOnlyList<DeadLetterMessage>> PeekAsync(string queue, int max, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var messages = new List<DeadLetterMessage>();
        ulong last = 0;
        try
        {
            while (messages.Count < max && await GetAsync(channel, queue + ErrorSuffix, ct) is { } got)
            {
                last = got.DeliveryTag;
                messages.Add(Describe(got));
            }
        }
        finally
        {
            // back in their places, in their order
            if (last > 0 && channel.IsOpen) await channel.BasicNackAsync(last, multiple: true, requeue: true, ct);
        }
        return messages;
    }

    /// <summary>
    /// Moves parked messages (all, at most <paramref name="max"/>, or the one with <paramref name="messageId"/>) back to
    /// the consumer's queue without their fault headers; each is removed from the error queue only after the broker
    /// confirmed the republish. Returns how many were moved.
    /// </summary>
    public async Task<int> RequeueAsync(string queue, string? messageId, int max, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        var skipped = new List<ulong>();
        try
        {
            var seen = 0;
            while (moved < max && seen < 10_000 && await GetAsync(channel, queue + ErrorSuffix, ct) is { } got)
            {
                seen++;
                if (messageId is not null && got.BasicProperties.MessageId != messageId)
                {
                    skipped.Add(got.DeliveryTag);
                    continue;
                }
                var properties = new BasicProperties(got.BasicProperties)
                {
                    Headers = got.BasicProperties.Headers?
                        .Where(h => !FaultHeaders.Any(f => h.Key.StartsWith(f, StringComparison.Ordinal)))
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                // MassTransit binds an exchange of the queue's name to the queue
                await channel.BasicPublishAsync(queue, "", mandatory: true, properties, got.Body, ct);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
                moved++;
            }
        }
        finally
        {
            foreach (var tag in skipped)
                if (channel.IsOpen) await channel.BasicNackAsync(tag, multiple: false, requeue: true, ct);
        }
        return moved;
    }

    private static async Task<BasicGetResult?> GetAsync(IChannel channel, string queue, CancellationToken ct)
    {
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: false, ct);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static DeadLetterMessage Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var v) ? v switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => v.ToString(),
        } : null;
        var body = Encoding.UTF8.GetString(got.Body.Span);
        return new DeadLetterMessage(
            got.BasicProperties.MessageId, Header("MT-Fault-ExceptionType"), Header("MT-Fault-Message"), Header("MT-Fault-Timestamp"),
            Header("MT-Reason"), got.Redelivered, body.Length > 20_000 ? body[..20_000] : body);
    }
}
