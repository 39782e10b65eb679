using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Cases;
using MediationPlatform.Cases.Features.Lifecycle;
using MediationPlatform.ServiceDefaults.Auth;

namespace MediationPlatform.Cases.Features.RepeatMatters;

/// <summary>
/// Repeat matters (重复信访 / 重复申请, api.md): linking a case to another, and not accepting a petition that repeats a
/// matter whose second review is concluded — both through <see cref="CaseCommands"/> and the aggregate like every action.
/// The other case must be one the caller may see; it gets a notice on its timeline, not a change.
/// </summary>
public static class RepeatMatterEndpoints
{
    public static void MapRepeatMatters(this RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/link", (Guid id, LinkCommand command, HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct) =>
                CaseCommands.RunAsync(http, store, user, id, CaseAction.Link, async (c, ctx, cancel) =>
                {
                    var other = await OtherAsync(store, user, c, command.CaseId, cancel);
                    var changed = c.Link(command, other, ctx);
                    if (other is not null) store.Record(other);
                    return changed;
                }, ct))
            .WithName(nameof(CaseAction.Link))
            .CaseCommand(CaseAction.Link)
            .WithSummary("Link the case to another (关联): repeat_of | related")
            .WithDescription("`{ caseId, relation: repeat_of|related, occurredAt? }`. `repeat_of`: this case brings the other's matter " +
                "again (重复信访/重复申请; both of one kind) — the reporting figure `petitions.repeat` counts petitions linked so. The other " +
                "case must exist and be visible to you (else 400 on `caseId`); its timeline gets a `linked_from` notice. Linking twice " +
                "the same way changes nothing. Allowed in every status." + CaseActionEndpoints.Common);
        g.MapPost("/{id:guid}/not-accept", (Guid id, NotAcceptCommand command, HttpContext http, CaseStore store, CurrentUser user, CancellationToken ct) =>
                CaseCommands.RunAsync(http, store, user, id, CaseAction.NotAccept, async (c, ctx, cancel) =>
                {
                    var repeated = await OtherAsync(store, user, c, command.RepeatOf, cancel);
                    c.NotAccept(command, repeated, ctx);
                    if (repeated is not null) store.Record(repeated);
                    return true;
                }, ct))
            .WithName(nameof(CaseAction.NotAccept))
            .CaseCommand(CaseAction.NotAccept)
            .WithSummary("Do not accept a petition (不予受理), with a reason or as a repeat of a closed matter → not_accepted")
            .WithDescription("`{ reason, occurredAt? }`, or `{ repeatOf: <caseId>, reason?, occurredAt? }`: the petition repeats a matter " +
                "whose second review (复核) is concluded, which is not accepted again (信访工作条例 Art. 36) — in one step the case is linked " +
                "`repeat_of` that matter and not accepted, the reason defaulting to saying so. `repeatOf` must be a petition you may see " +
                "whose second review is concluded (else 400 on `repeatOf`)." + CaseActionEndpoints.Common);
    }

    /// <summary>The other case named in the body, if it exists and the caller may see it (null otherwise, and for the case itself).</summary>
    private static async Task<Case?> OtherAsync(CaseStore store, CurrentUser user, Case c, Guid? otherId, CancellationToken ct)
    {
        if (otherId is not { } oid || oid == c.Id) return null;
        var other = await store.LoadForNoticeAsync(oid, ct);
        return other is not null && CaseAccess.CanSee(user, other) ? other : null;
    }
}
