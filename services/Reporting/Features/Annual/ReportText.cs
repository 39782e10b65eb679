using System.Globalization;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Features.Figures;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The report section's words, in the phrasing of the township's annual rule-of-law report (seed, section 七):
/// "2021 年木耳镇共化解各类矛盾纠纷 412 起……成功办结信访事项 198 件。" — shared by the Markdown and the HTML page.
/// Counts of 1 or 2 read "&lt;3"; the success rate is left out when it rests on 1 or 2 cases.
/// </summary>
public static class ReportText
{
    public static string Place(AnnualSnapshot s) => s.RegionName ?? "全辖区";

    public static string Heading(AnnualSnapshot s) => $"{s.Year} 年{Place(s)}矛盾纠纷化解和信访工作情况";

    /// <summary>The two paragraphs: 一是 (disputes, sessions, mediators) and 二是 (risk items, petitions).</summary>
    public static IReadOnlyList<string> Paragraphs(AnnualSnapshot s, FigureSet f)
    {
        static string Count(int n) => ReportExports.Count(n);
        var d = f.Disputes;
        var p = f.Petitions;
        var place = Place(s);
        var y = s.Year;
        var rate = d.SuccessRate is { } r && !ReportExports.IsSmall(d.Resolved + d.Unresolved)
            ? $"，调解成功率 {(r * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : "";
        var small = ReportExports.IsSmall(d.Registered);
        var money = small ? ReportExports.Suppressed : d.AmountInvolved.ToString("0.##", CultureInfo.InvariantCulture);
        var people = small ? ReportExports.Suppressed : d.PeopleInvolved.ToString(CultureInfo.InvariantCulture);
        var first = $"一是坚持依法依规化解矛盾纠纷。{y} 年{place}共受理各类矛盾纠纷 {Count(d.Registered)} 起，涉及金额 {money} 元、群众 {people} 人；"
            + $"{y} 年{place}共化解各类矛盾纠纷 {Count(d.Resolved)} 起{rate}，防止矛盾纠纷激化 {Count(d.EscalationPrevented)} 起，"
            + $"未能调解成功 {Count(d.Unresolved)} 起，撤回 {Count(d.Withdrawn)} 起，移交有关部门 {Count(d.Transferred)} 起，"
            + $"组织调解 {Count(f.Sessions.Held)} 场，在岗调解员 {Count(f.Mediators.Active)} 名，切实守好矛盾纠纷化解第一防线。";
        var second = $"二是持续维护社会和谐稳定。持续排查重大风险，建立风险清单 {Count(f.RiskItems.Opened)} 个，并建立台账，逐一销号 {Count(f.RiskItems.Closed)} 个。"
            + $"{y} 年受理信访事项 {Count(p.Registered)} 件，按期办结 {Count(p.ConcludedOnTime)} 件，"
            + $"{y} 年成功办结信访事项 {Count(p.Concluded)} 件。";
        return [first, second];
    }

    public static string Note(AnnualSnapshot s) =>
        $"注：数据截至 {s.GeneratedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}（北京时间）；不足 3 起（件）的数字以“<3”表示。";
}
