using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// A tiny OTLP/HTTP receiver standing in for a collector (the system edge): it keeps every export request's raw
/// protobuf body. A span's trace id is a 16-byte field and the resource's <c>service.name</c> a UTF-8 string, so "did
/// process X export a span of trace T" is a search for both in one body — no protobuf parser needed.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    public string Url { get; }

    public OtlpReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
    }

    public void Start()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });
    }

    /// <summary>The service names that exported at least one span of this trace.</summary>
    public IReadOnlyList<string> ServicesWithSpansOf(System.Diagnostics.ActivityTraceId traceId, IEnumerable<string> services)
    {
        Span<byte> id = stackalloc byte[16];
        traceId.CopyTo(id);
        var idBytes = id.ToArray();
        var traces = _received.Where(r => r.Path == "/v1/traces").Select(r => r.Body).ToList();
        return services.Where(s => traces.Any(b => b.AsSpan().IndexOf(idBytes) >= 0 && b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0)).ToList();
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }
}
