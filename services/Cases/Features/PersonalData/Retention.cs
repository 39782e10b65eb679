using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Documents;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>Configuration section <c>Retention</c> (ADR 0024): years after a case ended that its parties' personal data is kept.</summary>
public sealed class RetentionSettings
{
    /// <summary>Cases without a written agreement (the 卷宗's 短期 retention, ADR 0019).</summary>
    public int Years { get; set; } = Case.OrdinaryRetentionYears;

    /// <summary>Written agreements and petitions (长期).</summary>
    public int LongYears { get; set; } = Case.LongRetentionYears;

    /// <summary>How often the job looks (it also runs on demand: <c>POST /api/admin/retention</c>, <c>--retention</c>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    public int BatchSize { get; set; } = 200;
}

/// <summary>One case whose parties' personal data has expired.</summary>
public sealed record RetentionItem(Guid CaseId, string Number, CaseKind Kind, CaseStatus Status, DateTimeOffset EndedAt, int RetentionYears, DateTimeOffset ExpiredAt, int Parties);

/// <summary>What the retention job found (dry run) or did.</summary>
public sealed record RetentionResult(bool DryRun, DateTimeOffset AsOf, int Cases, int Parties, int IssuedDocuments, IReadOnlyList<RetentionItem> Items);

/// <summary>
/// The retention job (个人信息保护法 Art. 19, 47): parties of cases that ended more than the retention ago lose their
/// personal data (<see cref="Case.RemovePersonalData"/>), and so do the issued documents' stored data; the case, its
/// figures and its timeline stay. Each case is its own transaction with a timeline notice and an audit entry
/// (<c>retention_anonymised</c>); a dry run lists what would change and changes nothing.
/// </summary>
public sealed class Retention(CasesDbContext db, CaseStore store, RetentionSettings settings, TimeProvider time, AuditRecorder audit)
{
    public async Task<RetentionResult> RunAsync(bool dryRun, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // the older bound first (everything before it has expired whatever its kind), then each case's own rule
        var ordinaryBefore = now.AddYears(-Math.Min(settings.Years, settings.LongYears));
        var candidates = await db.Cases.AsNoTracking()
            .Where(c => c.EndedAt != null && c.EndedAt < ordinaryBefore && c.Parties.Any(p => p.AnonymisedAt == null))
            .OrderBy(c => c.EndedAt).Take(settings.BatchSize * 10)
            .Select(c => new { c.Id, c.Number, c.Kind, c.Status, c.EndedAt, c.AgreementType, Parties = c.Parties.Count(p => p.AnonymisedAt == null) })
            .ToListAsync(ct);
        var items = candidates
            .Select(c => (c, years: Case.RetentionYearsFor(c.Kind, c.AgreementType, settings.Years, settings.LongYears)))
            .Where(x => !CaseStateMachine.IsOpen(x.c.Kind, x.c.Status) && x.c.EndedAt!.Value.AddYears(x.years) < now)
            .Select(x => new RetentionItem(x.c.Id, x.c.Number, x.c.Kind, x.c.Status, x.c.EndedAt!.Value, x.years, x.c.EndedAt.Value.AddYears(x.years), x.c.Parties))
            .ToList();
        if (dryRun) return new RetentionResult(true, now, items.Count, items.Sum(i => i.Parties), 0, items);

        var documents = 0;
        foreach (var item in items)
        {
            documents += await store.InTransactionAsync(async cancel =>
            {
                var c = await store.LoadForChangeAsync(item.CaseId, cancel);
                var ctx = store.Context(actor);
                if (c is null || !c.RemovePersonalData(ctx)) return (false, 0);
                var issued = await store.Db.IssuedDocuments.Where(d => d.CaseId == c.Id).ToListAsync(cancel);
                foreach (var d in issued) d.Data = Anonymised(d.Data);
                store.Record(c);
                await audit.RecordAsync(store.Db, "retention_anonymised", c.Id.ToString(),
                    new { parties = item.Parties, issuedDocuments = issued.Count, endedAt = item.EndedAt, retentionYears = item.RetentionYears }, cancel, actor);
                return (true, issued.Count);
            }, ct);
        }
        return new RetentionResult(false, now, items.Count, items.Sum(i => i.Parties), documents, items);
    }

    /// <summary>An issued document's data without the parties' personal data (its hash still names what was issued).</summary>
    private static string Anonymised(string data)
    {
        var dossier = Dossier.FromJson(data);
        var parties = dossier.Parties.Select(p => p with
        {
            Name = $"当事人{p.Index + 1}（已匿名）", IdNumberSealed = null, IdNumberMasked = null, PhoneSealed = null, PhoneMasked = null, Address = null,
        }).ToList();
        var obligations = dossier.Obligations.Select(o => o with { PartyName = o.Party >= 0 ? $"当事人{o.Party + 1}（已匿名）" : "" }).ToList();
        return (dossier with { Parties = parties, Obligations = obligations }).ToJson();
    }
}

/// <summary>Runs the retention job every <see cref="RetentionSettings.Interval"/> (a database lock makes it once across replicas).</summary>
public sealed class RetentionWorker(IServiceScopeFactory scopes, RetentionSettings settings, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
                // one replica at a time
                await SingleRunner.TryRunAsync(db, SingleRunner.Retention, async () =>
                {
                    var result = await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(dryRun: false, "system:retention", stoppingToken);
                    if (result.Cases > 0) logger.LogInformation("Retention: personal data of {Parties} parties in {Cases} cases removed", result.Parties, result.Cases);
                }, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Retention run failed; trying again at the next interval");
            }
            try { await Task.Delay(settings.Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary><c>POST /api/admin/retention?dryRun=</c> (admin): run the retention job now, or list what it would change.</summary>
public static class RetentionEndpoint
{
    public static void MapRetention(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/retention", async (bool? dryRun, Retention retention, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await retention.RunAsync(dryRun ?? true, http.User.FindFirst(ClaimNames.Subject)?.Value ?? "admin", ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithTags("Personal data (个人信息)").WithName("RunRetention")
            .WithSummary("Remove the personal data whose retention has passed (admin); dryRun=true (the default) lists what would change")
            .WithDescription("Parties of cases that ended more than `Retention:Years` (10) years ago — `Retention:LongYears` (30) for a written agreement or a petition (ADR 0024) — " +
                "lose name, ID number, phone and address; issued documents' stored data likewise; the case, its figures and its timeline stay, with a " +
                "`personal_data_removed` notice and a `retention_anonymised` audit entry per case. The job also runs daily, once across replicas.")
            .Produces<RetentionResult>();
}
