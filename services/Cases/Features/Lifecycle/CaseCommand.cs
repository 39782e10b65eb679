using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.Read;
using MediationPlatform.Kernel;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Lifecycle;

/// <summary>What an action did: its timeline entry and the event it publishes (given the new version and times).</summary>
public sealed record ActionEffect(string TimelineAction, object? Details, Func<int, DateTimeOffset, DateTimeOffset, object> Event)
{
    /// <summary>A second event of the same change (a whole referral is also a CaseTransferred).</summary>
    public Func<int, DateTimeOffset, DateTimeOffset, object>? AlsoEvent { get; init; }

    /// <summary>
    /// False for corrections (PATCH): they are not a step of the case, so they do not move the "previous step" a
    /// back-dated action is checked against.
    /// </summary>
    public bool IsStep { get; init; } = true;

    /// <summary>Nothing to change (a repeated PATCH): answer with the case as it is, no version, entry or event.</summary>
    public static readonly ActionEffect Unchanged = new("unchanged", null, (_, _, _) => throw new InvalidOperationException());
}

/// <summary>
/// Runs one case action the same way for all of them: idempotency key, visibility (404), <c>If-Match</c> (412),
/// the state machine (409 naming the status and the allowed actions), <c>occurredAt</c> (not in the future, not before
/// the step it follows), then the change, the version, the timeline entry and the outbox event in one transaction.
/// </summary>
public static class CaseCommand
{
    public delegate ActionEffect? Apply(Case c, DateTimeOffset occurredAt, DateTimeOffset now, Validation v);

    public static async Task<IResult> RunAsync(
        HttpContext http, CasesDbContext db, CurrentUser user, Guid id, CaseAction action, DateTimeOffset? occurredAt,
        object? body, Apply apply, CancellationToken ct)
    {
        var idempotency = new Idempotency(http, db, user);
        var hash = Idempotency.Hash($"{action}:{id}", body);
        if (await idempotency.ReplayAsync(hash, ct) is { } replay) return replay;

        var c = await db.Cases.Include(x => x.Parties).Include(x => x.Referrals).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CaseAccess.CanSee(user, c)) return TypedResults.NotFound();
        if (!CaseAccess.CanAct(user, c))
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role may read this case but not change it.");
        if (http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } ifMatch && ifMatch != "*" && ifMatch != CaseResponse.ETagOf(c.Version))
            return TypedResults.Problem(statusCode: 412, title: "The case has changed",
                detail: $"If-Match {ifMatch} does not match the current version {CaseResponse.ETagOf(c.Version)}; reload the case and retry.");
        if (!CaseStateMachine.IsAllowed(c.Kind, c.Status, action))
            return WrongTransition(c, action);

        var now = DateTimeOffset.UtcNow;
        var when = occurredAt ?? now;
        var v = new Validation().NotInFuture("occurredAt", when, now);
        if (when < c.LastOccurredAt)
            v.Add("occurredAt", $"'occurredAt' may not lie before the previous step ({c.LastOccurredAt:O}).");
        if (!v.IsValid) return v.Problem();
        var before = c.Status;
        var next = CaseStateMachine.NextStatus(c.Kind, c.Status, action);
        var effect = apply(c, when, now, v);
        if (!v.IsValid || effect is null) return v.Problem();
        if (ReferenceEquals(effect, ActionEffect.Unchanged))
        {
            http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
            return TypedResults.Ok(CaseResponse.From(c, now));
        }
        if (c.Status == before) c.Status = next; // an action may decide its own status (a whole referral → transferred)
        c.Version++;
        if (effect.IsStep) c.LastOccurredAt = when;
        c.UpdatedAt = now;
        db.Timeline.Add(TimelineEntry.For(c, effect.TimelineAction, user.Id, when, now, effect.Details));
        db.AddOutboxMessage(effect.Event(c.Version, when, now), c.Id);
        if (effect.AlsoEvent is { } also) db.AddOutboxMessage(also(c.Version, when, now), c.Id);
        var response = CaseResponse.From(c, now);
        idempotency.Record(hash, 200, response, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same Idempotency-Key sent twice at once: the other request committed first; answer as it did.
            db.ChangeTracker.Clear();
            if (await idempotency.ReplayAsync(hash, ct) is { } replayed) return replayed;
            return TypedResults.Problem(statusCode: 412, title: "The case has changed",
                detail: "Someone else changed the case at the same moment; reload it and retry.");
        }
        catch (DbUpdateException ex) when (Idempotency.IsDuplicateKey(ex))
        {
            db.ChangeTracker.Clear();
            return await idempotency.ReplayAsync(hash, ct) ?? TypedResults.Problem(statusCode: 409, title: "Concurrent retry");
        }
        http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
        return TypedResults.Ok(response);
    }

    public static IResult WrongTransition(Case c, CaseAction action) =>
        TypedResults.Problem(statusCode: 409, title: "Action not allowed in this status",
            detail: $"Cannot {RouteName(action)} a {SnakeEnum.Name(c.Kind)} that is {SnakeEnum.Name(c.Status)}.",
            extensions: new Dictionary<string, object?>
            {
                ["currentStatus"] = SnakeEnum.Name(c.Status),
                ["allowedActions"] = CaseStateMachine.AllowedActions(c.Kind, c.Status).Select(RouteName).ToArray(),
            });

    /// <summary>The action as it appears in its route (<c>start-mediation</c>, <c>review/conclude</c>, …).</summary>
    public static string RouteName(CaseAction action) => action switch
    {
        CaseAction.ConcludeReview => "review/conclude",
        CaseAction.FollowUp => "follow-ups",
        CaseAction.Refer => "referrals",
        CaseAction.Note => "notes",
        CaseAction.Update => "update",
        _ => SnakeEnum.Name(action).Replace('_', '-'),
    };
}
