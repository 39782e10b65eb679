namespace MediationPlatform.Messaging;

public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>
    /// Messages one receive endpoint consumes at once (an endpoint may set its own, lower: the mediator service's
    /// CaseRegistered consumer takes one at a time). Below the prefetch on purpose (ADR 0017): a prefetched burst of 32
    /// started 32 consumers at once on a two-core machine, and the requests waiting behind them in the thread pool were
    /// the slow seconds of the benchmark; the rest of the prefetch waits in the client, not in the pool.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 8;

    /// <summary>
    /// The nodes of a RabbitMQ cluster, "host:port" comma-separated (ADR 0028): the connection goes to the first that
    /// answers and, when that node fails, to the next. Empty: the one broker at <see cref="Host"/>:<see cref="Port"/>.
    /// </summary>
    public string Nodes { get; set; } = "";

    public string[] ClusterNodes() => Nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>AMQP over TLS (AMQPS). The broker's certificate must chain to <see cref="CaCertificatePath"/> (or the system's roots) and name <see cref="ServerName"/>.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM of the CA that signed the broker's certificate (a private CA); null: the system's trusted roots.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The name the broker's certificate must carry; default <see cref="Host"/>.</summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// A receive endpoint not consuming, or every outbox publish failing, this long → the bus is restarted (BusWatchdog,
    /// ADR 0028). Longer than a normal reconnect (about a second) and a quorum queue's leader election (a few seconds).
    /// </summary>
    public int RestartBusAfterSeconds { get; set; } = 30;

    /// <summary>In-memory retry intervals in ms, comma-separated, before a message goes to the <c>_error</c> queue.</summary>
    public string RetryIntervalsMs { get; set; } = "100,500,1000,2000,5000";

    public int[] RetryIntervals() => RetryIntervalsMs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(int.Parse).ToArray();
}
