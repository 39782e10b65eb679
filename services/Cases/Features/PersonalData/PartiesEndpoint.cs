using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary><c>GET /api/cases/{id}/parties?purpose=</c>: unmasked personal data for the roles that handle a case, each read logged.</summary>
public static class PartiesEndpoint
{
    public static void MapParties(this RouteGroupBuilder cases) =>
        cases.MapGet("/{id:guid}/parties", Parties)
            .Produces<List<UnmaskedParty>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Parties with ID numbers and phones unmasked (当事人信息), for the case's mediator, a petition officer (petitions) or a supervisor")
            .WithDescription("`purpose` is required and recorded with who and when in the access log (个人信息保护法). Other roles: 403 (or 404 when they cannot see the case).");

    private static async Task<Results<Ok<List<UnmaskedParty>>, NotFound, ValidationProblem, ProblemHttpResult>> Parties(Guid id, [MaxLength(500)] string? purpose, CasesDbContext db, CurrentUser user,
        PersonalDataProtector protector, TimeProvider time, AuditRecorder audit, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length < 4) v.Add("purpose", "'purpose' is required: why you need the unmasked data.");
        v.MaxLength("purpose", purpose, 500);
        if (!v.IsValid) return v.Problem();
        if (!CaseAccess.MayUnmask(user, c))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only the case's mediator, a petition officer (petitions) or a supervisor may read unmasked personal data.");

        var logId = Guid.CreateVersion7();
        db.AccessLog.Add(new AccessLogEntry
        {
            Id = logId, Kind = AccessLogEntry.Unmask, CaseId = c.Id, UserId = user.Id, UserName = user.Name,
            Roles = user.Roles.ToList(), Purpose = purpose!.Trim(), At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "unmasked_read", c.Id.ToString(), new { accessLog = logId, what = "parties" }, ct);
        return TypedResults.Ok(c.Parties.OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new UnmaskedParty(p.Id, p.Role, p.Kind, p.Name,
            p.IdNumberEncrypted is null ? null : protector.Decrypt(p.IdNumberEncrypted, p.Id, PersonalDataProtector.IdNumberField),
            p.PhoneEncrypted is null ? null : protector.Decrypt(p.PhoneEncrypted, p.Id, PersonalDataProtector.PhoneField), p.Address)).ToList());
    }
}
