using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Cases.Features.Referrals;

/// <summary><c>POST /api/cases/{id}/referrals</c>: hand the case to another agency (移送) or ask it for help (对接) — <see cref="Case.Refer"/>.</summary>
public static class ReferCaseEndpoint
{
    public static void MapReferCase(this RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/referrals", (Guid id, ReferCommand r, HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct) =>
                CaseCommands.RunAsync(http, store, user, id, CaseAction.Refer, (c, ctx) =>
                {
                    c.Refer(r, ctx);
                    return true;
                }, ct, StatusCodes.Status201Created))
            .WithName("ReferCase")
            .CaseCommand(CaseAction.Refer, StatusCodes.Status201Created)
            .WithSummary("Refer the case to police (警调), court (诉调), petition office (访调) or another agency")
            .WithDescription("`whole: true` hands the case over (status transferred); otherwise the agency helps and reports back. `respondBy` on the referral: 3 working days for a court, 5 working days (objection to a transfer, 信访工作条例 Art. 23) for a whole referral elsewhere, none for a help request elsewhere — counted in the working-day calendar (holidays, 调休) from `occurredAt` in CST; a referral still pending after it is overdue (supervision list, CaseOverdue). The referral appears in that agency's inbox (mediator service); its acceptance, decline and outcome come back onto this case and its timeline. Answers 201 with the case.");
}
