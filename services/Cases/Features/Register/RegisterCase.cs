using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Cases.PersonalData;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Register;

public sealed record PartyRequest(PartyRole? Role, PartyKind? Kind, string? Name, string? IdNumber, string? Phone, string? Address);

public sealed record RegisterCaseRequest(
    CaseKind? Kind, string? Title, string? Description, DisputeCategory? Category, PetitionType? PetitionType,
    string? RegionCode, CaseSource? Source, CaseChannel? Channel, DateTimeOffset? ReceivedAt, RiskLevel? RiskLevel,
    int? PartyCount, decimal? AmountInvolved, List<PartyRequest>? Parties, string? ExternalRef);

/// <summary>
/// Registers a dispute or petition. One transaction: the number counter, the case, its parties, the first timeline
/// entry and the CaseRegistered event in the outbox.
/// </summary>
public static class RegisterCase
{
    public static RouteHandlerBuilder MapRegisterCase(this RouteGroupBuilder group) =>
        group.MapPost("/", Handle)
            .WithSummary("Register a dispute (矛盾纠纷) or a petition (信访事项)")
            .WithDescription("`receivedAt` defaults to now and may be back-dated (entering a paper ledger), never in the future. " +
                "Answers 201 with the case and its readable number (unique per town, year and kind, e.g. MUER-2021-D-00017). " +
                "A new dispute is assigned to a mediator automatically within a second.")
            .Produces<CaseResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(
        RegisterCaseRequest request, HttpContext http, CasesDbContext db, CurrentUser user, PersonalDataProtector protector, CancellationToken ct)
    {
        var idempotency = new Idempotency(http, db, user);
        var hash = Idempotency.Hash("register", request);
        if (await idempotency.ReplayAsync(hash, ct) is { } replay) return replay;
        var now = DateTimeOffset.UtcNow;
        var v = Validate(request, now);
        RegionRef? region = null;
        if (!string.IsNullOrWhiteSpace(request.RegionCode))
        {
            region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == request.RegionCode, ct);
            if (region is null) v.Add("regionCode", $"Region '{request.RegionCode}' is not in the directory.");
        }
        if (!v.IsValid) return v.Problem();
        var kind = request.Kind!.Value;
        if (!CaseAccess.CanRegister(user, kind) || !user.Covers(region!.Code, region.TownCode, region.DistrictCode))
            return TypedResults.Forbid();

        var receivedAt = request.ReceivedAt ?? now;
        var (mediationDue, acceptanceDue) = LegalClock.InitialDeadlines(kind, receivedAt);
        var c = new Case
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Title = request.Title!.Trim(),
            Description = request.Description?.Trim() ?? "",
            Category = request.Category!.Value,
            PetitionType = request.PetitionType,
            RegionCode = region.Code,
            TownCode = region.TownCode,
            DistrictCode = region.DistrictCode,
            Source = request.Source!.Value,
            Channel = request.Channel!.Value,
            RiskLevel = request.RiskLevel ?? RiskLevel.Low,
            ReceivedAt = receivedAt,
            LastOccurredAt = receivedAt,
            AmountInvolved = request.AmountInvolved,
            ExternalRef = request.ExternalRef,
            Status = CaseStatus.Registered,
            MediationDueAt = mediationDue,
            AcceptanceDueAt = acceptanceDue,
            RegisteredBy = user.Id,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        c.Parties = (request.Parties ?? []).Select(p => NewParty(p, c.Id, protector)).ToList();
        c.PartyCount = Math.Max(request.PartyCount ?? 0, c.Parties.Count);

        var prefix = (region.TownCode ?? region.DistrictCode ?? region.Code).ToUpperInvariant();
        var year = LegalClock.CstYear(receivedAt);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sequence = await db.Database.SqlQuery<int>($"""
                INSERT INTO case_number_counters (prefix, year, kind, last_value) VALUES ({prefix}, {year}, {(int)kind}, 1)
                ON CONFLICT (prefix, year, kind) DO UPDATE SET last_value = case_number_counters.last_value + 1
                RETURNING last_value AS "Value"
                """).ToListAsync(ct);
            c.Number = $"{prefix}-{year}-{(kind == CaseKind.Dispute ? "D" : "P")}-{sequence[0]:00000}";
            db.Cases.Add(c);
            db.Timeline.Add(TimelineEntry.For(c, "registered", user.Id, receivedAt, now, new { number = c.Number, kind, regionCode = c.RegionCode }));
            db.AddOutboxMessage(new CaseRegistered(c.Id, 1, receivedAt, now, c.Number, c.Kind, c.Category, c.PetitionType,
                c.RegionCode, c.TownCode, c.DistrictCode, c.Source, c.Channel, c.RiskLevel, receivedAt, c.PartyCount,
                c.AmountInvolved, user.Id, user.IsIn(Roles.Mediator) ? user.MediatorId : null));
            idempotency.Record(hash, StatusCodes.Status201Created, CaseResponse.From(c, now), $"/api/cases/{c.Id}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        }
        catch (DbUpdateException ex) when (Idempotency.IsDuplicateKey(ex))
        {
            // the same key arrived twice at once: the other request made the case; answer as it did
            db.ChangeTracker.Clear();
            return await idempotency.ReplayAsync(hash, ct) ?? TypedResults.Problem(statusCode: 409, title: "Concurrent retry");
        }
        return TypedResults.Created($"/api/cases/{c.Id}", CaseResponse.From(c, now));
    }

    private static Validation Validate(RegisterCaseRequest r, DateTimeOffset now)
    {
        var v = new Validation();
        if (r.Kind is null) v.Add("kind", "'kind' is required: dispute or petition.");
        v.Require("title", r.Title, 200);
        v.MaxLength("description", r.Description, 4000);
        if (r.Category is null) v.Add("category", "'category' is required.");
        if (r.Kind == CaseKind.Petition && r.PetitionType is null) v.Add("petitionType", "'petitionType' is required for a petition.");
        if (r.Kind == CaseKind.Dispute && r.PetitionType is not null) v.Add("petitionType", "'petitionType' applies to petitions only.");
        if (string.IsNullOrWhiteSpace(r.RegionCode)) v.Add("regionCode", "'regionCode' is required.");
        if (r.Source is null) v.Add("source", "'source' is required.");
        if (r.Channel is null) v.Add("channel", "'channel' is required.");
        if (r.RiskLevel is null) v.Add("riskLevel", "'riskLevel' is required: low, medium, high or critical.");
        v.NotInFuture("receivedAt", r.ReceivedAt, now);
        if (r.ReceivedAt is { } at && at.Year < 2000) v.Add("receivedAt", "'receivedAt' is implausibly old.");
        if (r.PartyCount is < 0 or > 100000) v.Add("partyCount", "'partyCount' must be 0–100000.");
        if (r.AmountInvolved is < 0 or > 1_000_000_000_000m) v.Add("amountInvolved", "'amountInvolved' must be a non-negative amount in yuan.");
        v.MaxLength("externalRef", r.ExternalRef, 100);
        ValidateParties(r.Parties, v);
        return v;
    }

    /// <summary>A party as stored: ID number and phone encrypted with the current key, the ID number's keyed hash, masks.</summary>
    public static Party NewParty(PartyRequest p, Guid caseId, PersonalDataProtector protector) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Role = p.Role!.Value,
        Kind = p.Kind ?? PartyKind.Person,
        Name = p.Name!.Trim(),
        IdNumberEncrypted = p.IdNumber is { Length: > 0 } id ? protector.Encrypt(PersonalDataProtector.NormalizeIdNumber(id)) : null,
        IdNumberHash = p.IdNumber is { Length: > 0 } id2 ? protector.HashIdNumber(id2) : null,
        IdNumberMasked = p.IdNumber is { Length: > 0 } id3 ? PersonalDataProtector.MaskIdNumber(id3) : null,
        PhoneEncrypted = p.Phone is { Length: > 0 } ph ? protector.Encrypt(ph.Trim()) : null,
        PhoneMasked = p.Phone is { Length: > 0 } ph2 ? PersonalDataProtector.MaskPhone(ph2) : null,
        Address = p.Address?.Trim(),
    };

    /// <summary>The parties' rules, shared by registration and PATCH: each bad field named as <c>parties[i].field</c>.</summary>
    public static void ValidateParties(List<PartyRequest>? list, Validation v)
    {
        var parties = list ?? [];
        if (parties.Count > 50) v.Add("parties", "At most 50 parties.");
        for (var i = 0; i < parties.Count && i < 50; i++)
        {
            var p = parties[i];
            if (p is null) { v.Add($"parties[{i}]", "A party may not be null."); continue; }
            if (p.Role is null) v.Add($"parties[{i}].role", "'role' is required: applicant, respondent or third_party.");
            v.Require($"parties[{i}].name", p.Name, 200);
            if (p.IdNumber is { } id && (id.Trim().Length is < 6 or > 30 || !id.Trim().All(char.IsAsciiLetterOrDigit)))
                v.Add($"parties[{i}].idNumber", "'idNumber' must be 6–30 letters or digits.");
            if (p.Phone is { } ph && (ph.Trim().Length is < 5 or > 20 || !ph.Trim().All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ')))
                v.Add($"parties[{i}].phone", "'phone' must be 5–20 digits.");
            v.MaxLength($"parties[{i}].address", p.Address, 500);
        }
    }
}
