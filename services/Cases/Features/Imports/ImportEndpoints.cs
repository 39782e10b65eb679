using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// Ledger import (矛盾纠纷排查调处台账, api.md "Ledger import"): the template, a dry run or a real import of a town's paper
/// ledger, and the import job's progress. Admins, and supervisors for the towns they cover; other roles 403; a town
/// outside the caller's regions 403 on POST (the town is named in the request, as for registrations), an import of such
/// a town 404 on GET (as for cases).
/// </summary>
public static class ImportEndpoints
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    private const string Who = " Admins, and supervisors for their own towns; other roles 403.";

    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/imports").WithTags("Ledger import (台账导入)");
        g.MapGet("/template", Template)
            .WithSummary("The ledger workbook to fill in (矛盾纠纷排查调处台账模板, xlsx)")
            .WithDescription("Sheet 台账 with the header row (序号, 登记日期, 村（社区）, 纠纷类别, 纠纷简要情况, 申请人, 申请人身份证号码, 申请人联系电话, " +
                "被申请人, 涉及人数, 涉及金额（元）, 调解员, 调解结果, 协议形式, 结案日期, 备注), sheet 可选值 with the allowed categories, results " +
                "and agreement forms, and drop-down validation on 纠纷类别, 调解结果 and 协议形式." + Who)
            .Produces(StatusCodes.Status200OK, contentType: LedgerTemplate.ContentType);
        g.MapPost("/", Create)
            .WithSummary("Check or import a town's ledger (台账导入): `?regionCode=<town>&dryRun=true|false`, multipart field `file`")
            .WithDescription("`file`: the ledger as xlsx (first sheet) or UTF-8 CSV (as WPS/Excel export it), header as in the template " +
                "(found in the first ten rows; extra columns ignored). Village by name or code; category by Chinese name or code; 调解结果 " +
                "调解成功 | 调解不成功 | 撤回 | 移交 | empty (open); 协议形式 书面 | 口头 (required with 调解成功); 结案日期 required with a result; " +
                "dates as Excel dates or yyyy-MM-dd; 调解员 by name among the town's active mediators (empty: assigned as usual). " +
                "`dryRun=true` → 200 `{ rows, valid, skipped, errors: [{ row, column, value, message }], possibleDuplicates }`, nothing written " +
                "(`row` as Excel shows it, header = row 1; messages in Chinese). `dryRun=false` (default): any error → 422 with the same " +
                "report as a problem body, nothing written; a clean file → 202 with `Location: /api/imports/{id}`, and a background job " +
                "imports the rows as whole cases (registration and outcome through the case's own rules, with the ledger's dates), " +
                "in batches. Rows already imported (same town, year of 登记日期 and 序号) are skipped: importing a file twice adds nothing." + Who)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .Produces<ImportStatusResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();
        g.MapGet("/{id:guid}", Get)
            .Produces<ImportStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An import job's progress (导入进度)")
            .WithDescription("`{ id, status: running|done|failed, rows, imported, skipped, errors, possibleDuplicates }`. A job survives a " +
                "restart of the service: it goes on from its last finished batch. A failed job keeps the rows it imported and says why in " +
                "`errors`; importing the file again skips them. An import of a town outside your regions answers 404." + Who);
    }

    private static bool MayImport(CurrentUser user) => user.IsAdmin || user.IsIn(Roles.Supervisor);

    private static ProblemHttpResult NoRole() => TypedResults.Problem(statusCode: 403, title: "Not allowed",
        detail: "Ledgers are imported by administrators and by supervisors for their own towns.");

    private static Results<FileContentHttpResult, ProblemHttpResult> Template(CurrentUser user) =>
        MayImport(user) ? TypedResults.File(LedgerTemplate.Workbook, LedgerTemplate.ContentType, LedgerTemplate.FileName) : NoRole();

    private static async Task<Results<Accepted<ImportStatusResponse>, Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> Create(HttpContext http, [MaxLength(40)] string? regionCode, bool? dryRun, CasesDbContext db,
        CurrentUser user, LedgerImportCheck check, PersonalDataProtector protector, LedgerImportSignal signal, AuditRecorder audit,
        CancellationToken ct)
    {
        if (!MayImport(user)) return NoRole();
        var v = new Validation();
        Directory.RegionRef? town = null;
        if (string.IsNullOrWhiteSpace(regionCode)) v.Add("regionCode", "'regionCode' is required: the town (镇/街道) whose ledger this is.");
        else if (regionCode.Length > 40 || (town = await RegionRef.FindAsync(db, regionCode, ct)) is null)
            v.Add("regionCode", $"Region '{regionCode[..Math.Min(regionCode.Length, 40)]}' is not in the directory.");
        else if (town.Kind != RegionKind.Town) v.Add("regionCode", $"'{regionCode}' is a {SnakeEnum.Name(town.Kind)}; a ledger is imported for a town (镇/街道).");
        if (!v.IsValid) return v.Problem();
        if (!user.Covers(town!.Path))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "The town is outside your jurisdiction.");

        var (file, fileError) = await FileAsync(http, ct);
        if (fileError is not null) return new Validation().Add("file", fileError).Problem();
        LedgerSheet sheet;
        try
        {
            sheet = LedgerReader.Read(file!.Content);
        }
        catch (LedgerFileException bad)
        {
            return new Validation().Add("file", bad.Message).Problem();
        }

        var scope = await check.ScopeAsync(town, user.Id, ct);
        var (rows, report) = await check.CheckAsync(sheet, scope, q => CaseAccess.Visible(user, q), ct);
        if (dryRun == true) return TypedResults.Ok(report);
        if (report.Errors.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The ledger has errors; nothing was imported",
                detail: $"台账有 {report.Errors.Count} 处错误（{report.Rows - report.Valid} 行），未导入任何数据；请修正后重新导入。",
                extensions: new Dictionary<string, object?>
                {
                    ["rows"] = report.Rows, ["valid"] = report.Valid, ["skipped"] = report.Skipped,
                    ["errors"] = report.Errors, ["possibleDuplicates"] = report.PossibleDuplicates,
                });

        var now = scope.Context.Now;
        var job = new LedgerImport
        {
            Id = Guid.CreateVersion7(), RegionCode = town.Code, TownCode = town.TownCode, DistrictCode = town.DistrictCode,
            FileName = file.Name, Rows = report.Rows, CreatedBy = user.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.LedgerImports.Add(job);
        db.LedgerImportPayloads.Add(new LedgerImportPayload { ImportId = job.Id, RowsEncrypted = LedgerPayloadCache.Seal(job.Id, rows, protector) });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(db, "import_started", job.Id.ToString(), new { town = town.Code, rows = report.Rows }, ct);
        signal.Wake();
        return TypedResults.Accepted($"/api/imports/{job.Id}", ImportStatusResponse.From(job));
    }

    private static async Task<Results<Ok<ImportStatusResponse>, NotFound, ProblemHttpResult>> Get(Guid id, CasesDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!MayImport(user)) return NoRole();
        var job = await db.LedgerImports.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (job is null || !user.Covers(job)) return TypedResults.NotFound();
        return TypedResults.Ok(ImportStatusResponse.From(job));
    }

    private sealed record Upload(string Name, byte[] Content);

    /// <summary>The multipart field <c>file</c>, or why there is none to read.</summary>
    private static async Task<(Upload? File, string? Error)> FileAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return (null, "Send the ledger as multipart/form-data with the field 'file'.");
        // a ledger is larger than the 256 KiB every other body is held to (WebDefaults); this endpoint allows MaxFileBytes
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFileBytes + 64 * 1024;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, $"'file' is larger than {MaxFileBytes / 1024 / 1024} MB; split the ledger.");
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, $"The multipart body cannot be read: {ex.Message}");
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return (null, "'file' is required: the ledger as xlsx or UTF-8 csv.");
        if (file.Length > MaxFileBytes) return (null, $"'file' is larger than {MaxFileBytes / 1024 / 1024} MB; split the ledger.");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var name = Path.GetFileName(file.FileName);
        return (new Upload(string.IsNullOrWhiteSpace(name) ? "ledger" : name[..Math.Min(name.Length, 200)], buffer.ToArray()), null);
    }
}
