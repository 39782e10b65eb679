using MediationPlatform.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.Mediators.Features.History;

/// <summary>
/// Optimistic concurrency on the directory's PATCH (ADR 0029), as on a case (<see cref="IfMatch"/> reads and checks the
/// header): an organisation or a mediator has a <c>revision</c> that grows by one with every change; <c>GET …/{id}</c> and the PATCH answer send it as the ETag
/// (<c>"3"</c>), and a PATCH with <c>If-Match</c> is made only to that revision, else 412 and nothing changes. Without
/// <c>If-Match</c> the last change wins, as before (both stay in the history).
/// </summary>
public static class DirectoryRevision
{
    public static string ETagOf(int revision) => IfMatch.ETagOf(revision);

    public static ProblemHttpResult Stale(string what, string ifMatch, int revision) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} has changed",
            detail: $"If-Match {ifMatch} does not match the current revision {ETagOf(revision)}; reload the {what} and retry.");

    /// <summary>The <c>ETag</c> a GET and a PATCH answer with, for the OpenAPI document.</summary>
    public static ResponseHeader ETagHeader(string what) =>
        new("ETag", $"The {what}'s revision in quotes (`\"3\"`): send it back as `If-Match` to change only that revision.");

    /// <summary>The <c>If-Match</c> header parameter of a PATCH, for the OpenAPI document.</summary>
    public static HeaderParameter Header(string what) =>
        new("If-Match", $"The {what}'s ETag as you read it (`\"3\"`, its revision in quotes): the change is made only to that revision, else 412.", IfMatch.MaxLength);
}
