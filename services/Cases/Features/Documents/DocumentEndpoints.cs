using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Documents;

/// <summary>One of a case's documents: whether it exists in the case's state, and its latest issued version.</summary>
public sealed record DocumentListItem(DocumentKind Kind, string Title, bool Available, DateTimeOffset? IssuedAt, int? IssuedVersion);

/// <summary>An issued version: its number, when and by whom, and the SHA-256 of the data it was rendered from.</summary>
public sealed record IssuedDocumentResponse(DocumentKind Kind, int Version, DateTimeOffset IssuedAt, string IssuedBy, string ContentHash);

/// <summary>
/// The papers the law asks for (api.md "Documents"): <c>GET /api/cases/{id}/documents</c>, <c>GET …/documents/{kind}
/// ?format=pdf|html&amp;purpose=&amp;version=</c> and <c>POST …/documents/{kind}/issue</c>. A read gives the latest issued
/// version when there is one (exactly what was issued, whatever changed since), else a draft from the case as it is now.
/// ID numbers and phones are masked unless a caller who may unmask gives a purpose (logged as every unmasked read).
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocuments(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/documents", List)
            .WithName("ListCaseDocuments")
            .WithSummary("The documents of a case (文书): which exist in its state and when each was last issued")
            .WithDescription("Every kind of the contract, in the 卷宗's order, with `available` following the case's state (api.md Clarifications, Documents). 404 for a case the caller cannot see.")
            .Produces<List<DocumentListItem>>().ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapGet("/{id:guid}/documents/{kind}", Read)
            .WithName("GetCaseDocument")
            .WithSummary("A document as printable A4 HTML or PDF (Chinese fonts embedded)")
            .WithDescription("`format` pdf (default) or html. The latest issued version when there is one (`version=` picks an earlier one), else a draft " +
                "of the case as it is now. ID numbers and phones are masked; `purpose` (4–500 characters) unmasks them for the case's mediator, a " +
                "supervisor or (petitions) a petition officer — others 403 — and is logged in the access log. 400 for an unknown kind or format, " +
                "404 for a case the caller cannot see or an unknown version, 409 when the document does not exist in the case's state, 503 with " +
                "Retry-After when no browser can print the PDF (the HTML still works). `X-Document-Version` names the issued version (absent for a draft).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        cases.MapPost("/{id:guid}/documents/{kind}/issue", Issue)
            .WithName("IssueCaseDocument")
            .WithSummary("Issue a document (出具): store the version handed out, with the hash of its data")
            .WithDescription("The case's mediator or a supervisor of its place; for petitions a petition officer or a supervisor (others 403). Stores the data the " +
                "document is rendered from (personal data sealed) and its SHA-256, and notes `document_issued` on the timeline (the case's version does not change). " +
                "201 with a new version; 200 with the latest one when nothing changed since it was issued. 409 when the document does not exist in the case's state.")
            .Produces<IssuedDocumentResponse>(StatusCodes.Status201Created).Produces<IssuedDocumentResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<List<DocumentListItem>>, NotFound>> List(Guid id, DossierBuilder dossiers, CurrentUser user, CancellationToken ct)
    {
        var c = await dossiers.LoadCaseAsync(id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var held = await dossiers.SessionsHeldAsync(id, ct);
        var issued = await dossiers.Db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == id)
            .GroupBy(d => d.Kind).Select(g => new { Kind = g.Key, Version = g.Max(d => d.Version), At = g.Max(d => d.IssuedAt) }).ToListAsync(ct);
        return TypedResults.Ok(Enum.GetValues<DocumentKind>().Where(k => Applies(c, k)).Select(k =>
        {
            var last = issued.FirstOrDefault(i => i.Kind == k);
            return new DocumentListItem(k, DocumentHtml.Title(k), c.HasDocument(k, held), last?.At, last?.Version);
        }).ToList());
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ValidationProblem, NotFound, ProblemHttpResult>> Read(Guid id, [SnakeEnumOf(typeof(DocumentKind), AllowEmpty = false)] string kind, [AllowedValues("pdf", "html")] string? format,
        [MaxLength(500)] string? purpose, [Range(1, int.MaxValue)] int? version, DossierBuilder dossiers,
        CurrentUser user, PersonalDataProtector protector, PdfPrinter printer, TimeProvider time, HttpContext http, AuditRecorder audit, CancellationToken ct)
    {
        var v = new Validation();
        var documentKind = KindOf(kind, v);
        format ??= "pdf";
        if (format is not ("pdf" or "html")) v.Add("format", $"'{format}' is not one of: pdf, html.");
        if (purpose is not null && purpose.Trim().Length < 4) v.Add("purpose", "'purpose' says why you need the unmasked data (4–500 characters).");
        v.MaxLength("purpose", purpose, 500);
        if (version is < 1) v.Add("version", "'version' is 1 or more.");
        if (!v.IsValid) return v.Problem();

        var c = await dossiers.LoadCaseAsync(id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        var kindValue = documentKind!.Value;
        var unmask = purpose is not null;
        if (unmask && !CaseAccess.MayUnmask(user, c))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only the case's mediator, a petition officer (petitions) or a supervisor may read unmasked personal data.");

        var issuedQuery = dossiers.Db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == id && d.Kind == kindValue);
        var issued = version is { } n
            ? await issuedQuery.FirstOrDefaultAsync(d => d.Version == n, ct)
            : await issuedQuery.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (version is not null && issued is null)
            return TypedResults.Problem(statusCode: 404, title: "No such version", detail: $"This document has no issued version {version}.");

        Dossier dossier;
        IReadOnlyList<DocumentKind> available;
        if (issued is not null)
        {
            dossier = Dossier.FromJson(issued.Data);
            available = AvailableFrom(dossier, kindValue);
        }
        else
        {
            var held = await dossiers.SessionsHeldAsync(id, ct);
            if (!Applies(c, kindValue) || !c.HasDocument(kindValue, held)) return NotAvailable(c, kindValue);
            dossier = await dossiers.BuildAsync(c, ct);
            available = Enum.GetValues<DocumentKind>().Where(k => Applies(c, k) && c.HasDocument(k, held)).ToList();
        }

        if (unmask)
        {
            var logId = Guid.CreateVersion7();
            dossiers.Db.AccessLog.Add(new AccessLogEntry
            {
                Id = logId, Kind = AccessLogEntry.Document, CaseId = c.Id, UserId = user.Id, UserName = user.Name,
                Roles = user.Roles.ToList(), Purpose = $"{SnakeEnum.Name(kindValue)}: {purpose!.Trim()}", At = time.GetUtcNow(),
            });
            await dossiers.Db.SaveChangesAsync(ct);
            await audit.RecordAsync(dossiers.Db, "unmasked_read", c.Id.ToString(), new { accessLog = logId, what = "document", kind = kindValue }, ct);
        }

        var stamp = new DocumentStamp(time.GetUtcNow(), issued?.Version, issued?.IssuedAt, issued?.ContentHash, Masked: !unmask);
        var html = DocumentHtml.Page(dossier, kindValue, available, Disclosure(unmask, protector), stamp);
        http.Response.Headers.CacheControl = "no-store";
        if (issued is not null) http.Response.Headers["X-Document-Version"] = issued.Version.ToString();
        if (format == "html") return TypedResults.Text(html, "text/html; charset=utf-8");
        try
        {
            var pdf = await printer.PrintAsync(html, ct);
            var name = $"{c.Number}-{SnakeEnum.Name(kindValue)}{(issued is null ? "-draft" : $"-v{issued.Version}")}.pdf";
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{name}\"";
            return TypedResults.Bytes(pdf, "application/pdf");
        }
        catch (PdfUnavailableException e)
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(statusCode: 503, title: "PDF printing unavailable", detail: e.Message + " Ask for format=html meanwhile.");
        }
    }

    private static async Task<IResult> Issue(Guid id, [SnakeEnumOf(typeof(DocumentKind), AllowEmpty = false)] string kind, DossierBuilder dossiers, CaseStore store, CurrentUser user, AuditRecorder audit, CancellationToken ct)
    {
        var v = new Validation();
        var documentKind = KindOf(kind, v);
        if (!v.IsValid) return v.Problem();
        var kindValue = documentKind!.Value;
        return await store.InTransactionAsync<IResult>(async cancel =>
        {
            var c = await store.LoadForChangeAsync(id, cancel);
            if (c is null || !CaseAccess.CanSee(user, c)) return (false, TypedResults.NotFound());
            if (!MayIssue(user, c))
                return (false, TypedResults.Problem(statusCode: 403, title: "Not allowed",
                    detail: c.Kind == CaseKind.Dispute ? "A dispute's documents are issued by its mediator or a supervisor." : "A petition's documents are issued by a petition officer or a supervisor."));
            var held = await dossiers.SessionsHeldAsync(id, cancel);
            if (!Applies(c, kindValue) || !c.HasDocument(kindValue, held)) return (false, NotAvailable(c, kindValue));

            var data = (await dossiers.BuildAsync(c, cancel)).ToJson();
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)));
            var last = await store.Db.IssuedDocuments.Where(d => d.CaseId == id && d.Kind == kindValue).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancel);
            if (last is not null && last.ContentHash == hash) return (false, TypedResults.Ok(Response(last)));

            var ctx = store.Context(user.Id);
            var doc = new IssuedDocument
            {
                Id = Guid.CreateVersion7(), CaseId = id, Kind = kindValue, Version = (last?.Version ?? 0) + 1, Data = data, ContentHash = hash,
                IssuedAt = ctx.Now, IssuedBy = user.Id,
            };
            store.Db.IssuedDocuments.Add(doc);
            c.NoteDocumentIssued(kindValue, doc.Version, hash, ctx);
            store.Record(c);
            await audit.RecordAsync(store.Db, "document_issued", id.ToString(), new { kind = kindValue, doc.Version, contentHash = hash }, cancel);
            return (true, TypedResults.Created($"/api/cases/{id}/documents/{SnakeEnum.Name(kindValue)}?version={doc.Version}", Response(doc)));
        }, ct);
    }

    /// <summary>Disputes have the mediation papers, petitions the notices and opinions; both have the 卷宗.</summary>
    private static bool Applies(Case c, DocumentKind kind) => kind switch
    {
        DocumentKind.CaseFile => true,
        DocumentKind.AcceptanceNotice or DocumentKind.NonAcceptanceNotice or DocumentKind.HandlingOpinion or DocumentKind.ReviewOpinion => c.Kind == CaseKind.Petition,
        _ => c.Kind == CaseKind.Dispute,
    };

    /// <summary>Who issues (api.md Clarifications, Documents): the case's mediator or a supervisor; petitions a petition officer or a supervisor.</summary>
    public static bool MayIssue(CurrentUser user, Case c) =>
        (user.IsIn(Roles.Supervisor) && user.Covers(c.Place))
        || (c.Kind == CaseKind.Dispute && user.IsIn(Roles.Mediator) && user.MediatorId is { } m && c.AssignedMediatorId == m)
        || (c.Kind == CaseKind.Petition && user.IsIn(Roles.PetitionOfficer) && user.Covers(c.Place));

    /// <summary>The documents a 卷宗 issued from <paramref name="d"/> files: what its own data supports.</summary>
    private static IReadOnlyList<DocumentKind> AvailableFrom(Dossier d, DocumentKind kind)
    {
        if (kind != DocumentKind.CaseFile) return [kind];
        var written = d.Outcome.AgreementType == AgreementType.Written && d.Status == CaseStatus.Resolved;
        return Enum.GetValues<DocumentKind>().Where(k => k switch
        {
            DocumentKind.Application => d.Kind == CaseKind.Dispute,
            DocumentKind.Agreement or DocumentKind.JudicialConfirmationApplication => d.Kind == CaseKind.Dispute && written,
            DocumentKind.OralAgreementRecord => d.Kind == CaseKind.Dispute && d.Status == CaseStatus.Resolved && d.Outcome.AgreementType == AgreementType.Oral,
            DocumentKind.SessionRecord => d.Kind == CaseKind.Dispute && d.Sessions.Any(s => s.Held),
            DocumentKind.FollowUpRecord => d.Kind == CaseKind.Dispute && d.FollowUps.Count > 0,
            DocumentKind.ClosingReport => d.Kind == CaseKind.Dispute && d.Source == CaseSource.CourtEntrusted && d.Outcome.EndedAt is not null,
            DocumentKind.AcceptanceNotice => d.Petition?.AcceptedAt is not null,
            DocumentKind.NonAcceptanceNotice => d.Petition?.NotAcceptedAt is not null,
            DocumentKind.HandlingOpinion => d.Petition?.ConcludedAt is not null,
            DocumentKind.ReviewOpinion => d.Petition?.ReviewConcludedAt is not null,
            _ => true,
        }).ToList();
    }

    private static PartyDisclosure Disclosure(bool unmask, PersonalDataProtector protector) => p => unmask
        ? (p.IdNumberSealed is null ? null : protector.Decrypt(p.IdNumberSealed, p.PartyId, PersonalDataProtector.IdNumberField),
           p.PhoneSealed is null ? null : protector.Decrypt(p.PhoneSealed, p.PartyId, PersonalDataProtector.PhoneField))
        : (p.IdNumberMasked, p.PhoneMasked);

    private static DocumentKind? KindOf(string kind, Validation v)
    {
        if (SnakeEnum.TryParse<DocumentKind>(kind, out var k)) return k;
        v.Add("kind", $"'{kind}' is not one of: {string.Join(", ", Enum.GetValues<DocumentKind>().Select(SnakeEnum.Name))}.");
        return null;
    }

    private static ProblemHttpResult NotAvailable(Case c, DocumentKind kind) =>
        TypedResults.Problem(statusCode: 409, title: "Document not available",
            detail: $"A {(c.Kind == CaseKind.Dispute ? "dispute" : "petition")} in status {SnakeEnum.Name(c.Status)} has no {SnakeEnum.Name(kind)} ({DocumentHtml.Title(kind)}).",
            extensions: new Dictionary<string, object?> { ["currentStatus"] = SnakeEnum.Name(c.Status), ["kind"] = SnakeEnum.Name(kind) });

    private static IssuedDocumentResponse Response(IssuedDocument d) => new(d.Kind, d.Version, d.IssuedAt, d.IssuedBy, d.ContentHash);
}
