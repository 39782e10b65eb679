using MediationPlatform.Kernel;

namespace MediationPlatform.ServiceDefaults.Web;

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
