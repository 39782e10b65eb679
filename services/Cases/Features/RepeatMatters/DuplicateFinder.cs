using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.RepeatMatters;

/// <summary>
/// Finds possible duplicates (api.md "Repeat matters") in the database: one query narrows to the cases of the probes'
/// towns, kinds and categories that are open or received within the window and have an applicant with one of the probes'
/// ID-number hashes, or one of their names with one of their phone hashes (keyed hashes only, never plaintext); the pure
/// rule (<see cref="RepeatMatterRule"/>) decides. <see cref="NoticeAsync"/> writes the notice on each older case's timeline.
/// </summary>
public sealed class DuplicateFinder(CasesDbContext db)
{
    private static readonly CaseStatus[] OpenStatuses = Enum.GetValues<CaseStatus>()
        .Where(s => CaseStateMachine.IsOpen(CaseKind.Dispute, s) || CaseStateMachine.IsOpen(CaseKind.Petition, s)).ToArray();

    /// <summary>
    /// The cases whose applicant has one of the ID-number hashes, or one of the phone hashes and one of the names. A
    /// compiled query: every registration runs it, and building and matching its LINQ expression each time cost more
    /// CPU than the query (ADR 0017).
    /// </summary>
    private static readonly Func<CasesDbContext, string[], string[], string[], IAsyncEnumerable<Guid>> CasesOfApplicants = EF.CompileAsyncQuery(
        (CasesDbContext db, string[] idHashes, string[] phoneHashes, string[] names) => db.Parties.AsNoTracking()
            .Where(p => p.Role == PartyRole.Applicant
                && ((p.IdNumberHash != null && idHashes.Contains(p.IdNumberHash))
                    || (p.PhoneHash != null && phoneHashes.Contains(p.PhoneHash) && names.Contains(p.Name))))
            .Select(p => p.CaseId)
            .Distinct());

    /// <summary>
    /// The cases that may match any of <paramref name="probes"/>, as probes, among those <paramref name="visible"/> lets
    /// through (the caller's own view: a case they may not see is never named to them).
    /// </summary>
    public async Task<List<RepeatProbe>> CandidatesAsync(IReadOnlyCollection<RepeatProbe> probes, Func<IQueryable<Case>, IQueryable<Case>> visible,
        CancellationToken ct)
    {
        var applicants = probes.SelectMany(p => p.Applicants).ToList();
        var idHashes = applicants.Select(a => a.IdNumberHash).OfType<string>().Distinct().ToList();
        var phoneHashes = applicants.Select(a => a.PhoneHash).OfType<string>().Distinct().ToList();
        var names = applicants.Where(a => a.PhoneHash is not null).Select(a => a.Name).Distinct().ToList();
        var towns = probes.Select(p => p.TownCode).OfType<string>().Distinct().ToList();
        if (towns.Count == 0 || (idHashes.Count == 0 && phoneHashes.Count == 0)) return [];
        var kinds = probes.Select(p => p.Kind).Distinct().ToList();
        var categories = probes.Select(p => p.Category).Distinct().ToList();
        var from = probes.Min(p => p.ReceivedAt).AddDays(-RepeatMatterRule.WindowDays);
        var to = probes.Max(p => p.ReceivedAt).AddDays(RepeatMatterRule.WindowDays);

        // from the applicants' hashes (indexed) to their cases, not from every case of the town to its parties; most
        // applicants are new, so this one small query usually ends the search
        var matching = await CasesOfApplicants(db, idHashes.ToArray(), phoneHashes.ToArray(), names.ToArray()).ToListAsync(ct);
        if (matching.Count == 0) return [];
        var rows = await visible(db.Cases.AsNoTracking())
            .Where(c => matching.Contains(c.Id))
            .Where(c => c.TownCode != null && towns.Contains(c.TownCode) && kinds.Contains(c.Kind) && categories.Contains(c.Category))
            .Where(c => OpenStatuses.Contains(c.Status) || (c.ReceivedAt >= from && c.ReceivedAt <= to))
            .Select(c => new
            {
                c.Id, c.Number, c.Kind, c.Category, c.PetitionType, c.TownCode, c.Status, c.ReceivedAt,
                Applicants = c.Parties.Where(p => p.Role == PartyRole.Applicant).Select(p => new { p.Name, p.IdNumberHash, p.PhoneHash }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(r => new RepeatProbe(r.Id, r.Number, r.Kind, r.Category, r.PetitionType, r.TownCode, r.Status, r.ReceivedAt,
            r.Applicants.Select(a => new ApplicantKey(a.Name, a.IdNumberHash, a.PhoneHash)).ToList())).ToList();
    }

    /// <summary>The possible duplicates of one new case among what the caller may see.</summary>
    public async Task<IReadOnlyList<PossibleDuplicate>> FindAsync(RepeatProbe probe, Func<IQueryable<Case>, IQueryable<Case>> visible, CancellationToken ct) =>
        RepeatMatterRule.Among(probe, await CandidatesAsync([probe], visible, ct));

    /// <summary>
    /// "possible_duplicate" notices on the older cases' timelines, naming <paramref name="newer"/>, recorded through
    /// <paramref name="store"/> in the caller's unit of work. The older cases are loaded without a lock: a notice does not
    /// change them (ADR 0012). Cases already tracked (made earlier in the same unit of work) are used as they are.
    /// </summary>
    public static async Task NoticeAsync(CaseStore store, Case newer, IEnumerable<PossibleDuplicate> duplicates, CaseContext ctx, CancellationToken ct)
    {
        var byId = duplicates.ToDictionary(d => d.Id);
        if (byId.Count == 0) return;
        var tracked = store.Db.ChangeTracker.Entries<Case>().Select(e => e.Entity).Where(c => byId.ContainsKey(c.Id)).ToList();
        var missing = byId.Keys.Except(tracked.Select(c => c.Id)).ToList();
        if (missing.Count > 0) tracked.AddRange(await store.Db.Cases.Where(c => missing.Contains(c.Id)).ToListAsync(ct));
        foreach (var older in tracked)
        {
            older.NoticePossibleDuplicate(new PossibleDuplicate(newer.Id, newer.Number, newer.Status, newer.ReceivedAt, byId[older.Id].Reason), ctx);
            store.Record(older);
        }
    }
}
