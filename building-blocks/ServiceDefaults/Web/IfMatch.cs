using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// Optimistic concurrency by <c>If-Match</c>, the same for every resource that has one (a case's version, a directory
/// entry's revision): the ETag is the number in quotes (<c>"7"</c>), the header is read once, and a value longer than any
/// ETag is refused as a field error before anything is loaded.
/// </summary>
public static class IfMatch
{
    /// <summary>An ETag is a number in quotes; nothing longer can match one.</summary>
    public const int MaxLength = 20;

    public static string ETagOf(int version) => $"\"{version}\"";

    /// <summary>The request's <c>If-Match</c>, or null when absent or <c>*</c>.</summary>
    public static string? Read(HttpContext http) => http.Request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } m && m != "*" ? m : null;

    /// <summary>400 naming <c>If-Match</c> when it is longer than any ETag (<paramref name="what"/>: "the case's ETag"); else null.</summary>
    public static ValidationProblem? TooLong(string? ifMatch, string what) => ifMatch is { Length: > MaxLength }
        ? ValidationProblems.Problem(new Dictionary<string, string[]> { ["If-Match"] = [$"At most {MaxLength} characters: {what}, e.g. \"7\"."] })
        : null;
}
