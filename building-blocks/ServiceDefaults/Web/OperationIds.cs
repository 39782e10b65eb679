using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Routing;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// A stable, unique <c>operationId</c> for every operation of the OpenAPI documents (integrators generate clients from
/// them, and a generated method's name must not change under them): the endpoint's name where it has one
/// (<c>WithName</c>: <c>Resolve</c>, <c>HandInDispute</c>), else the method and the route — <c>GET /api/cases/{id}/timeline</c>
/// → <c>getCasesByIdTimeline</c>. Method and route are unique in a document, so the generated ids are too.
/// </summary>
public static class OperationIds
{
    public static string For(ApiDescription api)
    {
        if (api.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { EndpointName: { Length: > 0 } name })
            return name;
        var words = (api.RelativePath ?? "").Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != "api")
            .Select(s => s.StartsWith('{') ? "By" + Pascal(s.Trim('{', '}').Split(':')[0]) : Pascal(s));
        return (api.HttpMethod ?? "get").ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string segment) => string.Concat(segment.Split('-', '_', '.')
        .Where(w => w.Length > 0).Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
}
