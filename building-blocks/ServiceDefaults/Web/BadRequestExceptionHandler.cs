using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// A body the framework cannot bind — broken JSON, a wrong type, an enum value the contract does not have, an oversized
/// body — answers a problem body that names the field (<c>errors.channel</c> for <c>$.channel</c>) and, for an enum,
/// the values it allows: 400 (413 for a body over the limit), never a 500 and never a stack trace.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        IResult result;
        if (bad.InnerException is JsonException { Path: { } path } json)
        {
            var field = path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
            var body = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            var message = IsUnknownField(json) ? $"'{field}' is not a field of this request (see the operation's schema)." : Describe(field, body);
            result = ValidationProblems.Problem(new Dictionary<string, string[]> { [field] = [message] });
        }
        else if (bad.InnerException is JsonException)
        {
            result = ValidationProblems.Problem(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }
        else
        {
            result = TypedResults.Problem(statusCode: bad.StatusCode, title: bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is too large." : "The request could not be read.",
                detail: bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"At most {WebDefaults.MaxRequestBodyBytes / 1024} KB." : bad.Message);
        }
        await result.ExecuteAsync(http);
        return true;
    }

    /// <summary>System.Text.Json's refusal of a property the type does not define (<c>UnmappedMemberHandling.Disallow</c>).</summary>
    private static bool IsUnknownField(JsonException e) => e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal);

    /// <summary>"'channel' must be one of: …" when the field is one of the contract's enums (found from the body's type), else a plain message.</summary>
    private static string Describe(string field, Type? body)
    {
        var type = FieldType(body, field);
        if (type is not null && (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e)
        {
            var names = Enum.GetValues(e).Cast<Enum>().Select(v => JsonSerializer.Serialize(v, e, Options).Trim('"'));
            return $"'{field}' must be one of: {string.Join(", ", names)}.";
        }
        return $"'{field}' has a value of the wrong type or format.";
    }

    /// <summary>The type at a JSON path (<c>parties[0].role</c>) of the body type, matching property names case-insensitively.</summary>
    private static Type? FieldType(Type? type, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (type is null) return null;
            var name = part.Split('[')[0];
            type = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            if (type is not null && part.Contains('[', StringComparison.Ordinal))
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
        }
        return type;
    }

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions();
        WebDefaults.ConfigureJson(o);
        return o;
    }
}
