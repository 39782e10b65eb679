using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediationPlatform.TestKit;

/// <summary>
/// The request limits of a committed OpenAPI document, tried against the running service (issue 19: "limits equal to
/// what the server validates"). For every parameter and every request-body property (and the properties of objects in
/// its lists) that declares maxLength, maximum/minimum or maxItems: a value one past the limit must get 400 naming that
/// field; a value at the limit must not be refused for that field. Skipped: uuid/date-time/date strings (the binder's
/// format is their limit), enums, and at-the-limit strings with a pattern (a run of 'a' may not match it).
/// </summary>
public static class ContractLimits
{
    public sealed record Probe(string Operation, string Field, string Case, string Outcome);

    /// <summary>Returns what went wrong (empty: every declared limit holds) and how many probes were sent.</summary>
    public static async Task<(List<Probe> Failures, int Probes)> CheckAsync(HttpClient client, string service)
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiContract.PathOf(service)))!;
        var schemas = doc["components"]?["schemas"]?.AsObject();
        var failures = new List<Probe>();
        var probes = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is "parameters" || op is null) continue;
                var id = op["operationId"]?.GetValue<string>() ?? $"{method} {path}";
                var parameters = op["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                var url = Fill(path, parameters);
                // an upload's query limits are checked once its form is bound: send a small file with them
                var multipart = op["requestBody"]?["content"]?["multipart/form-data"] is not null;
                // query parameters
                foreach (var p in parameters.Where(p => p["in"]?.GetValue<string>() == "query"))
                {
                    var name = p["name"]!.GetValue<string>();
                    foreach (var (label, value, mustRefuse) in Cases(p["schema"]!, schemas))
                    {
                        probes++;
                        var response = await SendAsync(client, () => new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()),
                            $"{url}{(url.Contains('?') ? "&" : "?")}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value.ToString())}")
                        {
                            Content = multipart ? Upload() : method is "post" or "put" or "patch" ? JsonContent.Create(new { }) : null,
                        });
                        var outcome = await Judge(response, name, mustRefuse);
                        if (outcome is not null) failures.Add(new Probe(id, name, label, outcome));
                    }
                }
                // request body properties
                var body = Resolve(op["requestBody"]?["content"]?["application/json"]?["schema"], schemas);
                if (body?["properties"] is not JsonObject properties) continue;
                foreach (var (prop, propSchema) in properties)
                {
                    var schema = Resolve(propSchema, schemas)!;
                    foreach (var (label, value, mustRefuse) in Cases(schema, schemas))
                        probes += await SendBody(client, method, url, id, new JsonObject { [prop] = value.DeepClone() }, prop, label, mustRefuse, failures);
                    // the properties of objects in a list: one element with the property past its limit
                    if (Resolve(schema["items"], schemas) is { } element && element["properties"] is JsonObject inner)
                        foreach (var (sub, subSchema) in inner)
                            foreach (var (label, value, mustRefuse) in Cases(Resolve(subSchema, schemas)!, schemas))
                                probes += await SendBody(client, method, url, id,
                                    new JsonObject { [prop] = new JsonArray(new JsonObject { [sub] = value.DeepClone() }) },
                                    $"{prop}[0].{sub}", label, mustRefuse, failures);
                }
            }
        }
        return (failures, probes);
    }

    /// <summary>Sends, and where the gateway's rate limit answers 429, waits its Retry-After and sends again.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.SendAsync(request());
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 20) return response;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("序号\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ledger.csv");
        return form;
    }

    private static async Task<int> SendBody(HttpClient client, string method, string url, string id, JsonObject body, string field,
        string label, bool mustRefuse, List<Probe> failures)
    {
        var response = await SendAsync(client, () => new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        });
        var outcome = await Judge(response, field, mustRefuse);
        if (outcome is not null) failures.Add(new Probe(id, field, label, outcome));
        return 1;
    }

    /// <summary>null when the answer is right; else what was seen.</summary>
    private static async Task<string?> Judge(HttpResponseMessage response, string field, bool mustRefuse)
    {
        var text = await response.Content.ReadAsStringAsync();
        string[] messages = [];
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            try
            {
                if (JsonNode.Parse(text)?["errors"]?[field] is JsonArray list) messages = [.. list.Select(m => m!.ToString())];
            }
            catch (JsonException) { }
        }
        if (mustRefuse && messages.Length == 0) return $"expected 400 naming '{field}', got {(int)response.StatusCode} {Trim(text)}";
        // at the limit the field may still break another rule (a region not in the directory), never a limit
        if (!mustRefuse && messages.Any(m => LimitMessage.IsMatch(m))) return $"refused at the declared limit: {Trim(text)}";
        return null;
    }

    private static readonly System.Text.RegularExpressions.Regex LimitMessage = new(@"at most \d|must be -?\d|one of:");

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>(label, value, must it be refused) for each limit the schema declares.</summary>
    private static IEnumerable<(string Label, JsonNode Value, bool MustRefuse)> Cases(JsonNode schema, JsonObject? schemas)
    {
        schema = Resolve(schema, schemas)!;
        if (schema["enum"] is not null) yield break;
        var type = schema["type"]?.GetValue<string>();
        var format = schema["format"]?.GetValue<string>();
        switch (type)
        {
            case "string" when format is not ("uuid" or "date-time" or "date") && schema["maxLength"] is { } max:
                var n = max.GetValue<int>();
                yield return ($"maxLength {n} + 1", JsonValue.Create(new string('a', n + 1)), true);
                if (schema["pattern"] is null) yield return ($"maxLength {n}", JsonValue.Create(new string('a', n)), false);
                break;
            case "integer":
            case "number":
                if (schema["maximum"] is { } hi && decimal.TryParse(hi.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var h)
                    && h < int.MaxValue)
                {
                    yield return ($"maximum {h} + 1", JsonValue.Create(type == "integer" ? h + 1 : h + 0.01m), true);
                    yield return ($"maximum {h}", JsonValue.Create(h), false);
                }
                if (schema["minimum"] is { } lo && decimal.TryParse(lo.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var l)
                    && l > int.MinValue)
                {
                    yield return ($"minimum {l} − 1", JsonValue.Create(type == "integer" ? l - 1 : l - 0.01m), true);
                    yield return ($"minimum {l}", JsonValue.Create(l), false);
                }
                break;
            case "array" when schema["maxItems"] is { } maxItems:
                var count = maxItems.GetValue<int>();
                var element = Element(Resolve(schema["items"], schemas), schemas);
                if (element is null) yield break;
                yield return ($"maxItems {count} + 1", new JsonArray(Enumerable.Range(0, count + 1).Select(_ => element.DeepClone()).ToArray()), true);
                break;
        }
    }

    /// <summary>A plain element for a list probe (its own validity is not what is tried).</summary>
    private static JsonNode? Element(JsonNode? schema, JsonObject? schemas) => schema?["type"]?.GetValue<string>() switch
    {
        _ when schema?["enum"] is JsonArray values && values.Count > 0 => values[0]!.DeepClone(),
        "string" when schema!["format"]?.GetValue<string>() == "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
        "string" => JsonValue.Create("a"),
        "integer" => JsonValue.Create(1),
        "object" => new JsonObject(),
        _ => null,
    };

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is { } reference; i++)
            schema = schemas?[reference.GetValue<string>().Split('/').Last()];
        // nullable wrappers: allOf/oneOf with one reference
        if (schema?["allOf"] is JsonArray { Count: 1 } all) return Resolve(all[0], schemas);
        return schema;
    }

    private static string Fill(string path, List<JsonNode> parameters)
    {
        foreach (var p in parameters.Where(p => p["in"]?.GetValue<string>() == "path"))
        {
            var name = p["name"]!.GetValue<string>();
            var schema = p["schema"];
            var value = schema?["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString()
                : schema?["enum"] is JsonArray { Count: > 0 } values ? values.Select(v => v!.GetValue<string>()).First(v => v.Length > 0)
                : schema?["type"]?.GetValue<string>() == "integer" ? "2021"
                : "x";
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value));
        }
        return path;
    }
}
