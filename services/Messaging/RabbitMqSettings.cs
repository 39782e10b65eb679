using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediationPlatform.Messaging;

public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>In-memory retry intervals in ms, comma-separated, before a message goes to the <c>_error</c> queue.</summary>
    public string RetryIntervalsMs { get; set; } = "100,500,1000,2000,5000";

    public int[] RetryIntervals() => RetryIntervalsMs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(int.Parse).ToArray();
}
