using System.Net;
using System.Text.Json;

namespace MediationPlatform.EndToEnd.Tests;

/// <summary>
/// What an integrator sees first: the gateway's Swagger UI lists four documents, and each loads through the gateway
/// (issue 19 found the three service documents answering 404 there, the gateway's own Swagger middleware taking the path).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiThroughGatewayTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("v1", "/api/users")]
    [InlineData("cases", "/api/cases")]
    [InlineData("mediators", "/api/mediators")]
    [InlineData("reporting", "/api/reports/summary")]
    public async Task Each_document_of_the_Swagger_UI_loads_through_the_gateway_without_a_token(string document, string path)
    {
        using var client = platform.Client(platform.Gateway);
        var response = await client.GetAsync($"/swagger/{document}/swagger.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/swagger/{document}/swagger.json: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        var doc = JsonDocument.Parse(text).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(paths.Contains(path), $"{document} lacks {path}: {string.Join(", ", paths)}");
        // the token endpoint is usable from the UI: both OAuth2 flows point at it, and the server is the serving origin
        var flows = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("flows");
        Assert.Equal("/connect/token", flows.GetProperty("password").GetProperty("tokenUrl").GetString());
        Assert.Equal("/connect/token", flows.GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        Assert.Equal("/", doc.GetProperty("servers")[0].GetProperty("url").GetString());

        var ui = await client.GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger", ui, StringComparison.OrdinalIgnoreCase);
    }
}
