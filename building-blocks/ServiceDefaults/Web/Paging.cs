using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.ServiceDefaults.Web;

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
