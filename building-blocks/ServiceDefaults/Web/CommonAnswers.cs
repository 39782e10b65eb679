using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// The answers every operation can give besides its own, in every OpenAPI document (issue 19): 401 (no or an invalid
/// token) and 403 (a role that may not) on every operation that needs a token; 429 from the gateway's per-user rate
/// limit, with <c>Retry-After</c>; <c>Retry-After</c> on every 503 an operation declares; and the request headers an
/// endpoint reads (<see cref="HeaderParameter"/>: <c>Idempotency-Key</c>, <c>If-Match</c>) as header parameters, and the
/// headers it sets on success (<see cref="ResponseHeader"/>: <c>ETag</c>) on its 2xx answers. As problem details, so a
/// generated client raises a typed error for each instead of "no error factory is registered".
/// </summary>
public sealed class CommonAnswers : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Problem(string description, bool retryAfter = false) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            Headers = retryAfter ? RetryAfter() : null,
        };
        foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HeaderParameter>())
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Header && p.Name == header.Name)) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = header.MaxLength },
            });
        }
        var anonymous = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
        {
            operation.Responses.TryAdd("401", Problem("No access token, or one that is expired, revoked or not for this service."));
            operation.Responses.TryAdd("403", Problem("The token's roles may not call this operation."));
        }
        // a parameter or body past its declared limit, or one the binder cannot read (RequestLimits)
        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
            operation.Responses.TryAdd("400", new OpenApiResponse
            {
                Description = "A field past its declared limit or not of its type: a problem naming each field in `errors`.",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository),
                    },
                },
            });
        operation.Responses.TryAdd("429", Problem("Too many requests from this user or client (the gateway's rate limit): wait Retry-After seconds.", retryAfter: true));
        if (operation.Responses.TryGetValue("503", out var busy) && busy is OpenApiResponse unavailable)
            unavailable.Headers ??= RetryAfter();
        foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ResponseHeader>())
            foreach (var (status, answer) in operation.Responses)
            {
                if (answer is not OpenApiResponse response || status.Length != 3 || status[0] != '2') continue;
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers.TryAdd(header.Name, new OpenApiHeader
                {
                    Description = header.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 20 },
                });
            }
        // every 2xx and 4xx answer through the gateway carries the caller's quota
        foreach (var (status, answer) in operation.Responses)
        {
            if (answer is not OpenApiResponse response || status.Length != 3 || status[0] is not ('2' or '4')) continue;
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, description) in QuotaHeaders) response.Headers.TryAdd(name, Count(description, 100_000));
        }
    }

    /// <summary>The IETF draft RateLimit headers the gateway sets on every <c>/api</c> answer (gateway/Proxy/RateLimits.cs).</summary>
    private static readonly (string Name, string Description)[] QuotaHeaders =
    [
        ("RateLimit-Limit", "Set by the gateway: the caller's burst allowance (RateLimits:PerUserBurst requests; PerAddressBurst without a valid token)."),
        ("RateLimit-Remaining", "Set by the gateway: requests the caller may still make at once."),
        ("RateLimit-Reset", "Set by the gateway: seconds until the caller's allowance is full again."),
    ];

    private static OpenApiHeader Count(string description, int maximum) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static Dictionary<string, IOpenApiHeader> RetryAfter() => new()
    {
        ["Retry-After"] = Count("Seconds to wait before retrying.", 86_400),
    };
}
