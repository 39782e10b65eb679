using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>Where Debian's chromium is (<c>Documents:ChromiumPath</c>; default: the first <c>chromium</c> on PATH).</summary>
public sealed class PdfSettings
{
    public string? ChromiumPath { get; set; }

    /// <summary>At most this many pages print at once (2 cores: more only queue inside the browser).</summary>
    public int MaxConcurrentPrints { get; set; } = 2;

    public string? ResolveExecutable() =>
        ChromiumPath is { Length: > 0 } configured ? (File.Exists(configured) ? configured : null)
        : new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
}

/// <summary>The printer has no browser: the PDF cannot be made here (503 with Retry-After; the HTML still works).</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints HTML to an A4 PDF with the installed chromium, headless, driven by PuppeteerSharp — one browser for the
/// process, started on first use and again if it dies; a page per print, closed after it. No browser is ever
/// downloaded. The HTML is rendered offline (<c>SetContent</c>, JavaScript off, every request refused), so a document
/// cannot make the browser fetch anything. Chromium embeds the Noto CJK subsets it used.
/// </summary>
public sealed class PdfPrinter(PdfSettings settings, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly SemaphoreSlim _prints = new(Math.Max(1, settings.MaxConcurrentPrints));
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        await _prints.WaitAsync(ct);
        try
        {
            var browser = await BrowserAsync(ct);
            await using var page = await browser.NewPageAsync();
            await page.SetJavaScriptEnabledAsync(false);
            await page.SetRequestInterceptionAsync(true);
            page.Request += async (_, e) =>
            {
                if (e.Request.Url.StartsWith("data:", StringComparison.Ordinal) || e.Request.Url == "about:blank") await e.Request.ContinueAsync();
                else await e.Request.AbortAsync();
            };
            await page.SetContentAsync(html, new SetContentOptions { Timeout = 20_000 });
            return await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                PreferCSSPageSize = true,
                DisplayHeaderFooter = false,
            });
        }
        finally
        {
            _prints.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _start.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            if (_browser is not null)
            {
                logger.LogWarning("The PDF browser was gone; starting it again");
                try { await _browser.DisposeAsync(); } catch (Exception e) when (e is PuppeteerException or IOException or InvalidOperationException) { }
            }
            var executable = settings.ResolveExecutable()
                ?? throw new PdfUnavailableException("No chromium is installed for printing PDFs (Documents:ChromiumPath, or chromium on PATH).");
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions"],
                Timeout = 30_000,
            });
            logger.LogInformation("PDF browser started: {Executable}", executable);
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _start.Dispose();
        _prints.Dispose();
    }
}
