using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Mediators.Features.History;

/// <summary>
/// Optimistic concurrency on the directory's PATCH (ADR 0029), as on a case: an organisation or a mediator has a
/// <c>revision</c> that grows by one with every change; <c>GET …/{id}</c> and the PATCH answer send it as the ETag
/// (<c>"3"</c>), and a PATCH with <c>If-Match</c> is made only to that revision, else 412 and nothing changes. Without
/// <c>If-Match</c> the last change wins, as before (both stay in the history).
/// </summary>
public static class DirectoryRevision
{
    /// <summary>An ETag is a revision in quotes; nothing longer can match one.</summary>
    public const int MaxIfMatchLength = 20;

    public static string ETagOf(int revision) => $"\"{revision}\"";

    /// <summary>The request's <c>If-Match</c>, or null when absent or <c>*</c>.</summary>
    public static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } m && m != "*" ? m : null;

    /// <summary>400 naming <c>If-Match</c> when it is longer than any ETag; else null.</summary>
    public static ValidationProblem? TooLong(string? ifMatch) => ifMatch is { Length: > MaxIfMatchLength }
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = [$"At most {MaxIfMatchLength} characters: the ETag you read, e.g. \"3\"."] })
        : null;

    public static ProblemHttpResult Stale(string what, string ifMatch, int revision) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} has changed",
            detail: $"If-Match {ifMatch} does not match the current revision {ETagOf(revision)}; reload the {what} and retry.");

    /// <summary>The <c>ETag</c> a GET and a PATCH answer with, for the OpenAPI document.</summary>
    public static ResponseHeader ETagHeader(string what) =>
        new("ETag", $"The {what}'s revision in quotes (`\"3\"`): send it back as `If-Match` to change only that revision.");

    /// <summary>The <c>If-Match</c> header parameter of a PATCH, for the OpenAPI document.</summary>
    public static HeaderParameter Header(string what) =>
        new("If-Match", $"The {what}'s ETag as you read it (`\"3\"`, its revision in quotes): the change is made only to that revision, else 412.", MaxIfMatchLength);
}
