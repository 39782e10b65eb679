using MediationPlatform.ServiceDefaults.Hosting;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// Runs queued ledger imports batch by batch (<see cref="LedgerImportRunner"/>), woken when one is queued and polling
/// every <c>Imports:PollInterval</c> (default 5 s) otherwise — so a job that was running when the service stopped goes
/// on after the restart from its last committed batch (ADR 0014). Safe with several instances: each batch holds its
/// job's row lock.
/// </summary>
public sealed class LedgerImportWorker(IServiceScopeFactory scopes, LedgerImportSignal signal, IConfiguration configuration, ILogger<LedgerImportWorker> logger)
    : BackgroundLoop(logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Imports:PollInterval", TimeSpan.FromSeconds(5));

    protected override async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerImportRunner>().RunBatchAsync(ct);
    }

    protected override Task WaitAsync(TimeSpan interval, CancellationToken ct) => signal.WaitAsync(interval, ct);
}
