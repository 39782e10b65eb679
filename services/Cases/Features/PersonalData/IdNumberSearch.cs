using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// Search by ID number (<c>GET /api/cases?idNumber=&amp;purpose=</c>) undoes the mask by guessing (the mask shows 6 + 4
/// digits; a birth date leaves a few thousand candidates), so it is treated as an unmasked read (ADR 0015): only the
/// roles that may unmask may search — a supervisor (their regions), a petition officer (petitions), a mediator (the
/// cases assigned to them); every search is written to the access log with its purpose and the cases it matched, and
/// each user may search <c>PersonalData:SearchesPerHour</c> times an hour (default 30), then 429.
/// </summary>
public sealed class IdNumberSearch(CasesDbContext db, PersonalDataProtector protector, IConfiguration configuration, TimeProvider time, AuditRecorder audit)
{
    public int PerHour => configuration.GetValue("PersonalData:SearchesPerHour", 30);

    /// <summary>Null when the caller may search and has searches left; else the answer (403, 400 or 429).</summary>
    public async Task<IResult?> RefusalAsync(CurrentUser user, string? purpose, CancellationToken ct)
    {
        if (!user.IsIn(Roles.Supervisor) && !user.IsIn(Roles.PetitionOfficer) && !user.IsIn(Roles.Mediator))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed",
                detail: "Searching by ID number is for the roles that may read it unmasked: supervisors, petition officers, a case's mediator.");
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length < 4 || purpose.Length > 500)
            return ValidationProblems.Problem(new Dictionary<string, string[]> { ["purpose"] = ["'purpose' is required with 'idNumber' (4–500 characters): why you search; it is logged."] });
        var since = time.GetUtcNow() - TimeSpan.FromHours(1);
        var recent = await db.AccessLog.AsNoTracking().Where(e => e.UserId == user.Id && e.Kind == AccessLogEntry.Search && e.At > since)
            .OrderBy(e => e.At).Select(e => e.At).ToListAsync(ct);
        if (recent.Count < PerHour) return null;
        var retryAfter = (int)Math.Ceiling((recent[0] + TimeSpan.FromHours(1) - time.GetUtcNow()).TotalSeconds);
        return new RetryAfterResult(retryAfter, TypedResults.Problem(statusCode: 429, title: "Too many ID-number searches",
            detail: $"At most {PerHour} searches by ID number an hour per user."));
    }

    /// <summary>The cases whose parties have this number (under any configured hash key), narrowed to what the role may unmask.</summary>
    public IQueryable<Case> Filter(IQueryable<Case> query, CurrentUser user, string idNumber)
    {
        var hashes = protector.HashesOf(idNumber);
        query = query.Where(c => c.Parties.Any(p => p.IdNumberHash != null && hashes.Contains(p.IdNumberHash)));
        if (!user.IsIn(Roles.Supervisor) && !user.IsIn(Roles.PetitionOfficer))
        {
            var mediatorId = user.MediatorId;
            query = query.Where(c => mediatorId != null && c.AssignedMediatorId == mediatorId);
        }
        return query;
    }

    public async Task LogAsync(CurrentUser user, string purpose, IQueryable<Case> matched, CancellationToken ct)
    {
        var logId = Guid.CreateVersion7();
        db.AccessLog.Add(new AccessLogEntry
        {
            Id = logId, Kind = AccessLogEntry.Search, MatchedCaseIds = await matched.OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(ct), // the first 1,000 by id (v7: oldest first)
            UserId = user.Id, UserName = user.Name, Roles = user.Roles.ToList(), Purpose = purpose.Trim(), At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "id_number_search", null, new { accessLog = logId }, ct);
    }
}
