using System.Globalization;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Figures;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The tables of the published report, built once from a snapshot's figures with small cells suppressed
/// (<see cref="ReportExports.IsSmall"/>): by category, by village, by source, by month, the petitions, the
/// referrals by agency and the disputes agencies handed in (intake) when there were any. Villages are in the order of their codes (the town's own list), categories, sources and
/// agencies in the order of the vocabulary (<see cref="InOrder{TEnum, T}"/>), months January to December.
/// </summary>
public static class ReportTables
{
    public const string ByCategory = "byCategory";
    public const string ByRegion = "byRegion";
    public const string BySource = "bySource";
    public const string ByMonth = "byMonth";
    public const string Petitions = "petitions";
    public const string Referrals = "referrals";
    public const string Intake = "intake";

    private const string Registered = "受理（起）";
    private const string Resolved = "化解（起）";
    private const string Total = "合计";

    /// <summary>A published count: the number, or "&lt;3" for 1 and 2.</summary>
    public static object Cell(int n) => ReportExports.IsSmall(n) ? ReportExports.Suppressed : n;

    /// <summary>A published rate of <paramref name="basis"/> cases: "75%", "&lt;3" when the basis is 1–2, "—" without a basis.</summary>
    public static string Percent(double? rate, int basis) =>
        ReportExports.IsSmall(basis) ? ReportExports.Suppressed
        : rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"
        : "—";

    /// <summary>
    /// A keyed figure's entries in the order of its vocabulary (the enum's), unknown keys last — not in the order of the
    /// stored snapshot, whose JSON (PostgreSQL jsonb) orders keys by length.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, T>> InOrder<TEnum, T>(IReadOnlyDictionary<string, T> byKey) where TEnum : struct, Enum
    {
        var order = Enum.GetValues<TEnum>().Select(SnakeEnum.Name).ToList();
        return byKey.OrderBy(kv => order.IndexOf(kv.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(kv => kv.Key, StringComparer.Ordinal);
    }

    /// <summary>The months of <c>byMonth</c>, January first (none for a snapshot made before the monthly figures existed).</summary>
    public static IEnumerable<KeyValuePair<string, MonthFigures>> Months(DisputeFigures d) =>
        (d.ByMonth ?? new Dictionary<string, MonthFigures>()).OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>The villages (and communities) of <c>byRegion</c> in the order of their codes: muer-c01, muer-c02, muer-v01 …</summary>
    public static IEnumerable<KeyValuePair<string, RegionFigures>> Villages(DisputeFigures d) =>
        d.ByRegion.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    public static IReadOnlyList<ReportTable> Of(FigureSet f, IReadOnlyDictionary<string, string> regionNames)
    {
        var d = f.Disputes;
        var p = f.Petitions;
        IReadOnlyList<object> DisputeTotal() => [Total, Cell(d.Registered), Cell(d.Resolved)];
        var tables = new List<ReportTable>
        {
            new(ByCategory, "矛盾纠纷按类别", ["类别", Registered, Resolved],
                InOrder<DisputeCategory, CategoryFigures>(d.ByCategory)
                    .Select(kv => Row(ChineseNames.Category(kv.Key), Cell(kv.Value.Registered), Cell(kv.Value.Resolved))).ToList(),
                DisputeTotal()),
            new(ByRegion, "矛盾纠纷按村（社区）", ["村（社区）", Registered, Resolved],
                Villages(d)
                    .Select(kv => Row(regionNames.GetValueOrDefault(kv.Key, kv.Key), Cell(kv.Value.Registered), Cell(kv.Value.Resolved))).ToList(),
                DisputeTotal()),
            new(BySource, "矛盾纠纷按来源", ["来源", Registered],
                InOrder<CaseSource, int>(d.BySource).Select(kv => Row(ChineseNames.Source(kv.Key), Cell(kv.Value))).ToList(),
                [Total, Cell(d.Registered)]),
            new(ByMonth, "矛盾纠纷按月", ["月份", Registered, Resolved],
                Months(d).Select(kv => Row(ChineseNames.Month(kv.Key), Cell(kv.Value.Registered), Cell(kv.Value.Resolved))).ToList(),
                DisputeTotal()),
            new(Petitions, "信访事项办理情况", ["项目", "件数"],
            [
                Row("登记", Cell(p.Registered)),
                Row("受理", Cell(p.Accepted)),
                Row("不予受理", Cell(p.NotAccepted)),
                Row("转送有关部门", Cell(p.Transferred)),
                Row("办结", Cell(p.Concluded)),
                Row("按期办结", Cell(p.ConcludedOnTime)),
                Row("按期办结率", Percent(p.OnTimeRate, p.Concluded)),
                Row("申请复查复核", Cell(p.ReviewsRequested)),
            ], null),
        };
        if (f.Referrals.Count > 0)
            tables.Add(new(Referrals, "移交办理（按部门）", ["部门", "移交", "接收", "退回", "办结"],
                InOrder<Agency, ReferralFigures>(f.Referrals).Select(kv => Row(ChineseNames.Agency(kv.Key),
                    Cell(kv.Value.Made), Cell(kv.Value.Accepted), Cell(kv.Value.Declined), Cell(kv.Value.Completed))).ToList(),
                null));
        var intake = f.IntakeByAgency;
        if (intake.Values.Any(i => i != IntakeFigures.None))
            tables.Add(new(Intake, "部门移交调解（三调对接：警调、诉调、访调）", ["部门", "接收", "化解", "调解不成", "撤回", "退回部门", "办理中", "超期"],
                intake.Select(kv => Row(ChineseNames.Agency(kv.Key), Cell(kv.Value.Received), Cell(kv.Value.Resolved), Cell(kv.Value.Unresolved),
                    Cell(kv.Value.Withdrawn), Cell(kv.Value.Returned), Cell(kv.Value.Open), Cell(kv.Value.Overdue))).ToList(),
                [Total, Cell(intake.Values.Sum(i => i.Received)), Cell(intake.Values.Sum(i => i.Resolved)), Cell(intake.Values.Sum(i => i.Unresolved)),
                 Cell(intake.Values.Sum(i => i.Withdrawn)), Cell(intake.Values.Sum(i => i.Returned)), Cell(intake.Values.Sum(i => i.Open)),
                 Cell(intake.Values.Sum(i => i.Overdue))]));
        return tables;
    }

    private static IReadOnlyList<object> Row(params object[] cells) => cells;
}
