using MediationPlatform.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediationPlatform.ServiceDefaults.Web;

public static class ValidationProblems
{
    /// <summary>The collected field errors as a 400 problem body keyed by field (RFC 9457 <c>errors</c>).</summary>
    public static ValidationProblem Problem(this Validation v) => Problem(v.Errors);

    public static ValidationProblem Problem(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.");
}
