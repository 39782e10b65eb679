using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Numbering;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Cases.Features.RepeatMatters;
using MediationPlatform.Contracts;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Cases.Features.Register;

/// <summary>
/// <c>POST /api/cases</c>: registers a dispute or petition (<see cref="Case.Register"/>). The number first, in a short
/// transaction of its own (<see cref="CaseNumbers.NextAsync"/>); then one transaction: the case, its parties, the first
/// timeline entry and CaseRegistered in the outbox, the idempotency record, and the possible duplicates found among the
/// cases the caller may see (each gets a notice on its timeline).
/// </summary>
public static class RegisterCaseEndpoint
{
    public static RouteHandlerBuilder MapRegisterCase(this RouteGroupBuilder group) =>
        group.MapPost("/", Handle)
            .WithSummary("Register a dispute (矛盾纠纷) or a petition (信访事项)")
            .WithDescription("`receivedAt` defaults to now and may be back-dated (entering a paper ledger), never in the future. " +
                "A dispute needs at least one applicant (申请人). Answers 201 with the case and its readable number (unique per town, " +
                "year and kind, e.g. MUER-2021-D-00017). A new dispute is assigned to a mediator automatically within a second. " +
                "`Idempotency-Key` makes a retry return the first answer instead of a second case. " +
                "The answer adds `possibleDuplicates: [{ id, number, status, receivedAt, reason }]` (重复信访/重复申请): open or recent " +
                "(received within 180 days) cases you may see in the same town, of the same category (disputes) or the same category and " +
                "petition type (petitions), whose applicant is the same person — by the ID number's keyed hash (`reason: same_id_number`), " +
                "else by name and phone (`same_name_and_phone`); at most 10, newest first. The registration's timeline entry lists them and " +
                "each of them gets a `possible_duplicate` notice. Link one with `POST /api/cases/{id}/link`.")
            .Produces<CaseResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Idempotent<CasesDbContext>("register");

    private static async Task<Results<Created<CaseResponse>, ValidationProblem, ForbidHttpResult>> Handle(RegisterCaseCommand request,
        HttpContext http, CaseStore store, CurrentUser user, PartyFactory parties, DuplicateFinder duplicates, CancellationToken ct)
    {
        var db = store.Db;
        var ctx = store.Context(user.Id);
        var v = request.Validate(ctx.Now);
        var region = request.RegionCode is { Length: > 0 and <= 40 } code
            ? await RegionRef.FindAsync(db, code, ct) : null;
        if (region is null && request.RegionCode is { Length: > 0 and <= 40 }) v.Add("regionCode", $"Region '{request.RegionCode}' is not in the directory.");
        if (!v.IsValid) return v.Problem();
        var kind = request.Kind!.Value;
        if (!CaseAccess.CanRegister(user, kind) || !user.Covers(region!.Path)) return TypedResults.Forbid();

        string? number = null; // taken once, kept if the unit of work is run again (a transient fault)
        var c = await store.InTransactionAsync(async cancel =>
        {
            var receivedAt = request.ReceivedAt ?? ctx.Now;
            var partyList = parties.CreateAll(request.Parties);
            var probe = new RepeatProbe(Guid.Empty, "", kind, request.Category!.Value, request.PetitionType, region.TownCode,
                CaseStatus.Registered, receivedAt, ApplicantKey.Of(partyList));
            var found = await duplicates.FindAsync(probe, q => CaseAccess.Visible(user, q), cancel);
            number ??= await CaseNumbers.NextAsync(db, region.Path, kind, receivedAt, cancel); // its own short transaction
            var created = Case.Register(request, region.Path, number, partyList, ctx,
                user.IsIn(Roles.Mediator) ? user.MediatorId : null, new RegistrationNotes(found));
            var response = CaseResponse.From(created, ctx.Now) with { PossibleDuplicates = found };
            store.Add(created);
            await DuplicateFinder.NoticeAsync(store, created, found, ctx, cancel);
            Idempotency.Of(http)?.Record(StatusCodes.Status201Created, response, $"/api/cases/{created.Id}");
            return (true, (Case: created, Response: response));
        }, ct);
        return TypedResults.Created($"/api/cases/{c.Case.Id}", c.Response);
    }
}
