namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>Every list endpoint's answer (api.md): <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
