using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>How an import stores its rows and duplicates (camelCase, enums as snake_case names like the API).</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
