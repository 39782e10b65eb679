using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MediationPlatform.Cases.Features.Lifecycle;

/// <summary>
/// <c>PATCH /api/cases/{id}</c>: corrections (<see cref="Case.Correct"/>). Publishes <c>CaseUpdated</c> (change
/// <c>edited</c>, with the new category, risk level and people involved — no personal data); the timeline entry names
/// the changed fields, never their personal values.
/// </summary>
public static class CorrectCaseEndpoint
{
    public static void MapCorrectCase(this RouteGroupBuilder g) =>
        g.MapPatch("/{id:guid}", Correct)
            .WithName("CorrectCase")
            .CaseCommand(CaseAction.Update)
            .WithSummary("Correct a case: title, description, category, riskLevel, partyCount, parties (更正案件信息)")
            .WithDescription("Send only the fields to change; `parties` replaces the whole list (ID numbers and phones are " +
                "encrypted and hashed as at registration; a dispute keeps at least one applicant) and the people involved follow it. " +
                "Allowed in every status; it is a correction, not a step, so it does not move the date later back-dated steps are checked " +
                "against. Send `If-Match` with the ETag you read to get 412 instead of overwriting a newer change; `Idempotency-Key` makes a " +
                "retry safe. A PATCH that changes nothing answers 200 with the case unchanged (same version).");

    private static Task<IResult> Correct(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CorrectCaseCommand? r,
        HttpContext http, CaseStore store, CurrentUser user, PartyFactory parties, CancellationToken ct)
    {
        var command = r ?? new CorrectCaseCommand(null, null, null, null, null, null);
        return CaseCommands.RunAsync(http, store, user, id, CaseAction.Update, (c, ctx) =>
        {
            command.Validate(c.Kind).ThrowIfInvalid();
            var replaced = command.Parties is { } requested && !parties.Same(c.Parties, requested) ? parties.CreateAll(requested) : null;
            return c.Correct(command, replaced, ctx);
        }, ct);
    }
}
