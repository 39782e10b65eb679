using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediationPlatform.TestKit;

/// <summary>One request as the receiver got it; <c>PreviousSignature</c> is <c>X-Signature-Previous</c> (during a secret's rotation).</summary>
public sealed record ReceivedWebhook(int Number, string Body, string? Timestamp, string? Signature, string? DeliveryId, string? Event, DateTimeOffset At,
    string? PreviousSignature = null);

/// <summary>An agency's webhook receiver: a real Kestrel listener on a free loopback port, behaving as the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public string Url { get; private set; } = "";
    public int Count => Volatile.Read(ref _count);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <param name="answer">given the 1-based request number, the status to answer; null = never answer.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int?> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            var n = Interlocked.Increment(ref receiver._count);
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(n, body, ctx.Request.Headers["X-Timestamp"], ctx.Request.Headers["X-Signature"],
                ctx.Request.Headers["X-Delivery-Id"], ctx.Request.Headers["X-Event"], DateTimeOffset.UtcNow, ctx.Request.Headers["X-Signature-Previous"]));
            if (answer(n) is not { } status)
            {
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); } catch (OperationCanceledException) { }
                return Results.Empty;
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }
}
