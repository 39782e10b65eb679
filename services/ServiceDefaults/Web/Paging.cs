using MediationPlatform.Kernel;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>Every list endpoint's answer (api.md): <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>
/// <c>page</c> (from 1, at most <see cref="MaxPage"/>, so that the offset can never overflow) and <c>pageSize</c>
/// (1 to the endpoint's maximum); anything else is a 400 naming the field.
/// </summary>
public readonly record struct PageRequest(int Page, int Size)
{
    public const int MaxPage = 1_000_000;

    public int Skip => (Page - 1) * Size;

    public static PageRequest From(int? page, int? pageSize, Validation v, int defaultSize = 50, int maxSize = 200)
    {
        var p = page ?? 1;
        var size = pageSize ?? defaultSize;
        if (p is < 1 or > MaxPage) v.Add("page", $"'page' must be 1–{MaxPage}.");
        if (size < 1 || size > maxSize) v.Add("pageSize", $"'pageSize' must be 1–{maxSize}.");
        return new PageRequest(Math.Clamp(p, 1, MaxPage), Math.Clamp(size, 1, maxSize));
    }
}

public static class PagingExtensions
{
    /// <summary>Counts the query, reads the requested page (the query must already be ordered) and maps each row.</summary>
    public static async Task<Paged<TOut>> ToPageAsync<T, TOut>(this IQueryable<T> query, PageRequest page, Func<T, TOut> map, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = total <= page.Skip ? [] : await query.Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return new Paged<TOut>(rows.Select(map).ToList(), page.Page, page.Size, total);
    }
}
