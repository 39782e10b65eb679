using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>An answer with a <c>Retry-After</c> header (seconds): 503 when a resource stayed busy, 429 when a limit was hit.</summary>
public sealed class RetryAfterResult(int seconds, IResult inner) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
