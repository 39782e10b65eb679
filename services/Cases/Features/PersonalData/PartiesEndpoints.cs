using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.PersonalData;

public sealed record UnmaskedParty(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address);

public sealed record AccessLogResponse(Guid Id, Guid CaseId, string UserId, string UserName, IReadOnlyList<string> Roles, string Purpose, DateTimeOffset At);

/// <summary>Unmasked personal data for the roles that handle a case, each read written to the access log.</summary>
public static class PartiesEndpoints
{
    public static void MapPartiesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id:guid}/parties", Parties).WithTags("Cases (案件)")
            .WithSummary("Parties with ID numbers and phones unmasked (当事人信息), for the case's mediator, a petition officer (petitions) or a supervisor")
            .WithDescription("`purpose` is required and recorded with who and when in the access log. Other roles: 403 (or 404 when they cannot see the case).");
        app.MapGet("/api/access-log", Log).WithTags("Cases (案件)")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .WithSummary("Who read which case's personal data, when and why (`?caseId=`; admins and supervisors)")
            .WithDescription("The access log of unmasked reads (个人信息保护法): user, roles, purpose, time. Without `caseId` the latest 500 entries of the cases in your regions; a case you cannot see answers 404; other roles 403.");
    }

    private static bool MayUnmask(CurrentUser user, Case c) =>
        (user.IsIn(Roles.Supervisor) && user.Covers(c.RegionCode, c.TownCode, c.DistrictCode))
        || (user.IsIn(Roles.PetitionOfficer) && c.Kind == CaseKind.Petition && user.Covers(c.RegionCode, c.TownCode, c.DistrictCode))
        || (user.IsIn(Roles.Mediator) && user.MediatorId is { } m && c.AssignedMediatorId == m);

    private static async Task<IResult> Parties(Guid id, string? purpose, CasesDbContext db, CurrentUser user,
        PersonalDataProtector protector, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length < 4) v.Add("purpose", "'purpose' is required: why you need the unmasked data.");
        v.MaxLength("purpose", purpose, 500);
        if (!v.IsValid) return v.Problem();
        if (!MayUnmask(user, c))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only the case's mediator, a petition officer (petitions) or a supervisor may read unmasked personal data.");

        db.AccessLog.Add(new AccessLogEntry
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, UserId = user.Id, UserName = user.Name,
            Roles = user.Roles.ToList(), Purpose = purpose!.Trim(), At = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(c.Parties.OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new UnmaskedParty(p.Id, p.Role, p.Kind, p.Name,
            p.IdNumberEncrypted is null ? null : protector.Decrypt(p.IdNumberEncrypted),
            p.PhoneEncrypted is null ? null : protector.Decrypt(p.PhoneEncrypted), p.Address)).ToList());
    }

    private static async Task<IResult> Log(Guid? caseId, CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        var q = db.AccessLog.AsNoTracking();
        if (caseId is { } cid)
        {
            var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == cid, ct);
            if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
            q = q.Where(e => e.CaseId == cid);
        }
        else if (!user.IsAdmin)
        {
            var regions = user.RegionCodes.ToList();
            var visible = db.Cases.Where(c => regions.Contains(c.RegionCode) || (c.TownCode != null && regions.Contains(c.TownCode))
                || (c.DistrictCode != null && regions.Contains(c.DistrictCode))).Select(c => c.Id);
            q = q.Where(e => visible.Contains(e.CaseId));
        }
        var list = await q.OrderByDescending(e => e.At).Take(500).ToListAsync(ct);
        return TypedResults.Ok(list.Select(e => new AccessLogResponse(e.Id, e.CaseId, e.UserId, e.UserName, e.Roles, e.Purpose, e.At)).ToList());
    }
}
