using MediationPlatform.Cases.Data;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Kernel;
using MediationPlatform.Messaging;
using MediationPlatform.ServiceDefaults.Auth;
using MediationPlatform.ServiceDefaults.Data;
using MediationPlatform.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>
/// Every case command over HTTP the same way — load → call → save:
/// <list type="number">
/// <item>in one transaction, lock and load the case (<see cref="CaseStore.LoadForChangeAsync(Guid, CancellationToken)"/>); an
/// <c>Idempotency-Key</c> already answered is answered again (checked under the lock, so a concurrent retry of the same
/// request waits for the first and gets its answer);</item>
/// <item>404 when the caller may not see it, 403 when they may see but not change it, 412 when <c>If-Match</c> names
/// another version;</item>
/// <item>call the aggregate: its rules answer 409 (<see cref="ActionNotAllowedException"/>: current status and allowed
/// actions) or 400 (<see cref="InvalidInputException"/>: errors by field);</item>
/// <item>save the case, its timeline entry, its events and the idempotency record together.</item>
/// </list>
/// A client that sent no <c>If-Match</c> never sees a concurrency race: a unit of work that loses one is run again
/// (<see cref="RaceRetry"/>), and only after that a 503 with <c>Retry-After</c> (ADR 0012).
/// </summary>
public static class CaseCommands
{
    /// <summary>The domain call: changes the case and says whether anything changed (false: answer with the case as it is).</summary>
    public delegate bool Act(Case c, CaseContext ctx);

    /// <summary>
    /// A domain call that first reads another case through the store (the case linked to, the matter repeated): changes
    /// the case, may add notices to the other one (recorded by the call), and says whether anything changed.
    /// </summary>
    public delegate Task<bool> ActAsync(Case c, CaseContext ctx, CancellationToken ct);

    public static Task<IResult> RunAsync(HttpContext http, CaseStore store, CurrentUser user, Guid id, CaseAction action,
        Act act, CancellationToken ct, int successStatus = StatusCodes.Status200OK) =>
        RunAsync(http, store, user, id, action, (c, ctx, _) => Task.FromResult(act(c, ctx)), ct, successStatus);

    public static async Task<IResult> RunAsync(HttpContext http, CaseStore store, CurrentUser user, Guid id, CaseAction action,
        ActAsync act, CancellationToken ct, int successStatus = StatusCodes.Status200OK)
    {
        var idempotency = Idempotency.Of(http); // the endpoint's filter answered a key already answered (CaseCommand)
        var ifMatch = IfMatch.Read(http);
        if (IfMatch.TooLong(ifMatch, "the case's ETag") is { } tooLong) return tooLong;

        Task<IResult> Once(CancellationToken token) => store.InTransactionAsync<IResult>(async cancel =>
        {
            var c = await store.LoadForChangeAsync(id, cancel);
            // under the case's lock again: a concurrent retry of this request that waited for the first gets its answer
            if (idempotency is not null && await idempotency.ReplayAsync(cancel) is { } replay) return (false, replay);
            if (c is null || !CaseAccess.CanSee(user, c)) return (false, TypedResults.NotFound());
            if (!CaseAccess.CanAct(user, c))
                return (false, TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Your role may read this case but not change it."));
            if (ifMatch is not null && ifMatch != CaseResponse.ETagOf(c.Version)) return (false, Stale(ifMatch, c.Version));

            var ctx = store.Context(user.Id);
            var changed = await act(c, ctx, cancel);
            var response = CaseResponse.From(c, ctx.Now);
            http.Response.Headers.ETag = CaseResponse.ETagOf(c.Version);
            if (!changed) return (false, TypedResults.Ok(response));
            store.Record(c);
            var location = $"/api/cases/{c.Id}";
            idempotency?.Record(successStatus, response, successStatus == StatusCodes.Status201Created ? location : null);
            return (true, successStatus == StatusCodes.Status201Created ? TypedResults.Created(location, response) : TypedResults.Ok(response));
        }, token);

        try
        {
            // with If-Match the client asked for optimistic concurrency: a lost race is theirs to see (412), not retried
            return ifMatch is null ? await RaceRetry.Pipeline.ExecuteAsync(async token => await Once(token), ct) : await Once(ct);
        }
        catch (Exception ex) when (Problems.For(ex, ifMatch) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>
    /// A case command's endpoint: takes an <c>Idempotency-Key</c> (the filter answers a key already answered; the runner
    /// checks again under the case's lock) and <c>If-Match</c>; its answers, for the OpenAPI document (typed, so a generated client gets the case back and a
    /// typed 409): 200 the case; 400 field errors; 403 a role that may read but not change; 404; 409 with
    /// <c>currentStatus</c>/<c>allowedActions</c>; 412 a stale <c>If-Match</c>; 422 an <c>Idempotency-Key</c> reused with
    /// another body, or content the action rules out; 503 a case kept busy (with <c>Retry-After</c>).
    /// </summary>
    public static RouteHandlerBuilder CaseCommand(this RouteHandlerBuilder endpoint, CaseAction action, int success = StatusCodes.Status200OK) => endpoint
        .WithMetadata(new HeaderParameter("If-Match", "The case's ETag as you read it (`\"7\"`, its version in quotes): the change is made only to that version, else 412.", IfMatch.MaxLength))
        .WithMetadata(CaseResponse.ETagHeader)
        .Produces<CaseResponse>(success)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .Produces<ActionConflictProblem>(StatusCodes.Status409Conflict, "application/problem+json")
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .Idempotent<CasesDbContext>($"{action}:{{id}}");

    private static IResult Stale(string ifMatch, int version) =>
        TypedResults.Problem(statusCode: 412, title: "The case has changed",
            detail: $"If-Match {ifMatch} does not match the current version {CaseResponse.ETagOf(version)}; reload the case and retry.");

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

    /// <summary>The domain's and the database's refusals as problem answers (null: not one of them).</summary>
    public static class Problems
    {
        public static IResult? For(Exception ex, string? ifMatch = null) => ex switch
        {
            InvalidInputException invalid => ValidationProblems.Problem(invalid.Errors),
            CaseRuleException rule => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: rule.Title, detail: rule.Detail),
            ActionNotAllowedException wrong => TypedResults.Problem(statusCode: 409, title: "Action not allowed in this status",
                detail: wrong.Reason ?? $"Cannot {RouteName(wrong.Action)} a {SnakeEnum.Name(wrong.Kind)} that is {SnakeEnum.Name(wrong.Status)}.",
                extensions: new Dictionary<string, object?>
                {
                    ["currentStatus"] = SnakeEnum.Name(wrong.Status),
                    ["allowedActions"] = wrong.Allowed.Select(RouteName).ToArray(),
                }),
            DbUpdateConcurrencyException when ifMatch is not null => TypedResults.Problem(statusCode: 412, title: "The case has changed",
                detail: "Someone else changed the case at the same moment; reload it and retry."),
            _ when RaceRetry.IsLostRace(ex) => Busy(),
            _ => null,
        };

        /// <summary>503 with Retry-After: the case stayed busy through every retry.</summary>
        public static IResult Busy() => new RetryAfterResult(1, TypedResults.Problem(statusCode: 503, title: "The case is busy",
            detail: "Others kept changing this case at the same moment; nothing was changed. Retry in a second."));
    }
}
