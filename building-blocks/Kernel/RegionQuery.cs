using System.Linq.Expressions;

namespace MediationPlatform.Kernel;

/// <summary>
/// <see cref="RegionPath"/>'s coverage rule as query filters EF Core translates to SQL (<c>region_code = ANY(@codes) OR
/// town_code = ANY(@codes) OR district_code = ANY(@codes)</c>). The predicates are built on the concrete entity type,
/// so no interface cast reaches the query translator.
/// </summary>
public static class RegionQuery
{
    /// <summary>Rows at a place covered by one of <paramref name="codes"/> (a caller's region claims).</summary>
    public static IQueryable<T> WithinAny<T>(this IQueryable<T> query, IReadOnlyCollection<string> codes) where T : IRegionPlaced =>
        query.Where(CoveredBy<T>(codes));

    /// <summary>Rows at <paramref name="code"/> or below it (a town's villages, a district's towns and villages).</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, string code) where T : IRegionPlaced =>
        query.Where(CoveredBy<T>([code]));

    /// <summary>The predicate itself, for composing (e.g. inside <c>Any</c>).</summary>
    public static Expression<Func<T, bool>> CoveredBy<T>(IReadOnlyCollection<string> codes) where T : IRegionPlaced
    {
        var list = codes.ToList();
        // a closure member, not a constant: EF Core sends the list as one array parameter
        Expression<Func<List<string>>> holder = () => list;
        var row = Expression.Parameter(typeof(T), "x");
        Expression In(string property) => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)],
            holder.Body, Expression.Property(row, property));
        Expression NotNullAndIn(string property) => Expression.AndAlso(
            Expression.NotEqual(Expression.Property(row, property), Expression.Constant(null, typeof(string))), In(property));
        // a region row itself exposes its own code as Code (RegionCode is implemented explicitly there)
        var own = typeof(T).GetProperty(nameof(IRegionPlaced.RegionCode)) is not null ? nameof(IRegionPlaced.RegionCode) : "Code";
        var body = Expression.OrElse(In(own),
            Expression.OrElse(NotNullAndIn(nameof(IRegionPlaced.TownCode)), NotNullAndIn(nameof(IRegionPlaced.DistrictCode))));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }
}
