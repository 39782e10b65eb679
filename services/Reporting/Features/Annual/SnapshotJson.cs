using System.Text.Json;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Reporting.Features.Annual;

public static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WebDefaults.ConfigureJson(o);
        return o;
    }
}
