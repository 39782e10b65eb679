using System.Text.Json;

namespace MediationPlatform.TestKit;

public static class JsonPaging
{
    /// <summary>The <c>items</c> of a paged answer (<c>{ items, page, pageSize, total }</c>).</summary>
    public static JsonElement Items(this JsonElement page) =>
        page.ValueKind == JsonValueKind.Object && page.TryGetProperty("items", out var items) ? items
            : throw new InvalidOperationException("Not a paged answer: " + page.ToString());
}
