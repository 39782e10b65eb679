using System.Globalization;
using System.Text;
using System.Text.Json;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Data;
using MediationPlatform.Reporting.Features.Figures;
using MiniExcelLibs;

namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>One figure of a published export: its path in the figures object, a Chinese label, and the shown value.</summary>
public sealed record ExportRow(string Metric, string Label, object Value);

/// <summary>
/// The published exports of a snapshot (CSV, XLSX, Markdown). Small cells are suppressed here (ADR 0008): a count of
/// 1 or 2 is shown as "&lt;3"; a rate whose denominator is 1 or 2, and the amounts/people of fewer than 3 registered
/// disputes, likewise. The JSON form for authorised roles stays exact.
/// </summary>
public static class ReportExports
{
    public const string Suppressed = "<3";

    public static bool IsSmall(int n) => n is > 0 and < 3;

    public static string Count(int n) => IsSmall(n) ? Suppressed : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every figure as (path, label, value), suppression applied; the order of the figures object.</summary>
    public static IReadOnlyList<ExportRow> Rows(FigureSet figures)
    {
        var json = JsonSerializer.SerializeToElement(figures, SnapshotJson.Options);
        var rows = new List<ExportRow>();
        Walk(json, "", rows);
        var d = figures.Disputes;
        var p = figures.Petitions;
        return rows.Select(r => r.Metric switch
        {
            "disputes.successRate" when IsSmall(d.Resolved + d.Unresolved) => r with { Value = Suppressed },
            "petitions.onTimeRate" when IsSmall(p.Concluded) => r with { Value = Suppressed },
            "disputes.amountInvolved" or "disputes.peopleInvolved" when IsSmall(d.Registered) => r with { Value = Suppressed },
            _ when r.Value is int n && IsSmall(n) => r with { Value = Suppressed },
            _ => r,
        }).ToList();
    }

    private static void Walk(JsonElement e, string path, List<ExportRow> rows)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", rows);
                break;
            case JsonValueKind.Number:
                var leaf = path[(path.LastIndexOf('.') + 1)..];
                object value = leaf is "successRate" or "onTimeRate" ? (object)e.GetDouble()
                    : leaf == "amountInvolved" ? (object)e.GetDecimal()
                    : (object)e.GetInt32();
                rows.Add(new ExportRow(path, ChineseNames.Label(path), value));
                break;
            case JsonValueKind.Null:
                rows.Add(new ExportRow(path, ChineseNames.Label(path), ""));
                break;
        }
    }

    private static string Text(object v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

    public static byte[] Csv(AnnualSnapshot s)
    {
        var sb = new StringBuilder();
        sb.Append("metric,label,value\r\n");
        foreach (var r in Rows(AnnualReportJob.FiguresOf(s)))
            sb.Append(CsvField(r.Metric)).Append(',').Append(CsvField(r.Label)).Append(',').Append(CsvField(Text(r.Value))).Append("\r\n");
        // UTF-8 with BOM so that spreadsheet programs read the Chinese labels correctly
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string CsvField(string v) =>
        v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{v.Replace("\"", "\"\"")}\"" : v;

    public static byte[] Xlsx(AnnualSnapshot s)
    {
        var rows = Rows(AnnualReportJob.FiguresOf(s)).Select(r => new Dictionary<string, object>
        {
            ["metric"] = r.Metric, ["label"] = r.Label, ["value"] = r.Value,
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: $"{s.Year}", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The report section in Chinese, in the phrasing of a township's annual rule-of-law report.</summary>
    public static string Markdown(AnnualSnapshot s)
    {
        var f = AnnualReportJob.FiguresOf(s);
        var names = AnnualReportJob.RegionNamesOf(s);
        var d = f.Disputes;
        var p = f.Petitions;
        var place = s.RegionName ?? "全辖区";
        var y = s.Year;
        var md = new StringBuilder();
        md.Append($"## {y} 年{place}矛盾纠纷化解和信访工作情况\n\n");
        var rate = d.SuccessRate is { } r && !IsSmall(d.Resolved + d.Unresolved)
            ? $"，调解成功率 {(r * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : "";
        var money = IsSmall(d.Registered) ? Suppressed : d.AmountInvolved.ToString("0.##", CultureInfo.InvariantCulture);
        var people = IsSmall(d.Registered) ? Suppressed : d.PeopleInvolved.ToString(CultureInfo.InvariantCulture);
        md.Append($"一是坚持依法依规化解矛盾纠纷。{y} 年{place}共受理各类矛盾纠纷 {Count(d.Registered)} 起，涉及金额 {money} 元、群众 {people} 人；");
        md.Append($"{y} 年{place}共化解各类矛盾纠纷 {Count(d.Resolved)} 起{rate}，防止矛盾纠纷激化 {Count(d.EscalationPrevented)} 起，");
        md.Append($"未能调解成功 {Count(d.Unresolved)} 起，撤回 {Count(d.Withdrawn)} 起，移交有关部门 {Count(d.Transferred)} 起，");
        md.Append($"组织调解 {Count(f.Sessions.Held)} 场，在岗调解员 {Count(f.Mediators.Active)} 名，切实守好矛盾纠纷化解第一防线。\n\n");
        md.Append($"二是持续维护社会和谐稳定。持续排查重大风险，建立风险清单 {Count(f.RiskItems.Opened)} 个，并建立台账，逐一销号 {Count(f.RiskItems.Closed)} 个。");
        md.Append($"{y} 年受理信访事项 {Count(p.Registered)} 件，按期办结 {Count(p.ConcludedOnTime)} 件，");
        md.Append($"{y} 年成功办结信访事项 {Count(p.Concluded)} 件。\n\n");

        md.Append("### 矛盾纠纷按类别\n\n| 类别 | 受理（起） | 化解（起） |\n| --- | ---: | ---: |\n");
        foreach (var (key, c) in d.ByCategory)
            md.Append($"| {ChineseNames.Category(key)} | {Count(c.Registered)} | {Count(c.Resolved)} |\n");
        md.Append($"| 合计 | {Count(d.Registered)} | {Count(d.Resolved)} |\n\n");

        md.Append("### 矛盾纠纷按村（社区）\n\n| 村（社区） | 受理（起） | 化解（起） |\n| --- | ---: | ---: |\n");
        foreach (var (code, c) in d.ByRegion.OrderBy(kv => names.GetValueOrDefault(kv.Key, kv.Key), StringComparer.Ordinal))
            md.Append($"| {names.GetValueOrDefault(code, code)} | {Count(c.Registered)} | {Count(c.Resolved)} |\n");
        md.Append($"| 合计 | {Count(d.Registered)} | {Count(d.Resolved)} |\n");

        if (f.Referrals.Count > 0)
        {
            md.Append("\n### 移交办理（按部门）\n\n| 部门 | 移交 | 接收 | 退回 | 办结 |\n| --- | ---: | ---: | ---: | ---: |\n");
            foreach (var (agency, a) in f.Referrals)
                md.Append($"| {ChineseNames.Agency(agency)} | {Count(a.Made)} | {Count(a.Accepted)} | {Count(a.Declined)} | {Count(a.Completed)} |\n");
        }
        md.Append($"\n注：数据截至 {s.GeneratedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）；不足 3 起（件）的数字以“<3”表示。\n");
        return md.ToString();
    }
}

/// <summary>Chinese names of the vocabulary (for labels and the Markdown).</summary>
public static class ChineseNames
{
    private static readonly Dictionary<string, string> Categories = new()
    {
        ["marriage_family"] = "婚姻家庭纠纷", ["neighbourhood"] = "邻里纠纷", ["housing_homestead"] = "房屋宅基地纠纷",
        ["contract"] = "合同纠纷", ["production_operation"] = "生产经营纠纷", ["damages"] = "损害赔偿纠纷",
        ["land_forest"] = "山林土地纠纷", ["land_acquisition"] = "征地拆迁纠纷", ["environment"] = "环境污染纠纷",
        ["labour"] = "劳动争议纠纷", ["consumer"] = "消费纠纷", ["medical"] = "医疗纠纷", ["traffic_accident"] = "道路交通事故纠纷",
        ["property_management"] = "物业管理纠纷", ["other"] = "其他纠纷",
    };

    private static readonly Dictionary<string, string> Agencies = new()
    {
        ["police"] = "派出所", ["court"] = "人民法院", ["petition_office"] = "信访办", ["judicial_office"] = "司法所",
        ["safety_office"] = "平安办", ["other"] = "其他部门",
    };

    private static readonly Dictionary<string, string> Words = new()
    {
        ["disputes"] = "矛盾纠纷", ["petitions"] = "信访事项", ["referrals"] = "移交办理", ["sessions"] = "调解会", ["riskItems"] = "风险清单",
        ["mediators"] = "调解员", ["registered"] = "受理", ["resolved"] = "化解", ["unresolved"] = "调解不成", ["withdrawn"] = "撤回",
        ["transferred"] = "移交", ["inProgress"] = "办理中", ["successRate"] = "调解成功率", ["amountInvolved"] = "涉及金额（元）",
        ["peopleInvolved"] = "涉及人数", ["escalationPrevented"] = "防止激化", ["byCategory"] = "按类别", ["bySource"] = "按来源",
        ["byChannel"] = "按渠道", ["byRegion"] = "按村（社区）", ["byAgreementType"] = "按协议形式", ["written"] = "书面协议", ["oral"] = "口头协议",
        ["accepted"] = "受理", ["notAccepted"] = "不予受理", ["concluded"] = "办结", ["concludedOnTime"] = "按期办结", ["onTimeRate"] = "按期办结率",
        ["byType"] = "按类型", ["byOpinion"] = "按处理意见", ["reviewsRequested"] = "申请复查复核", ["made"] = "移交", ["declined"] = "退回",
        ["completed"] = "办结", ["scheduled"] = "安排", ["held"] = "召开", ["opened"] = "建立", ["closed"] = "销号", ["active"] = "在岗",
        ["suggestion"] = "建议", ["accusation"] = "检举控告", ["claim"] = "申诉求决", ["support"] = "支持", ["explain"] = "解释", ["not_support"] = "不支持",
        ["application"] = "当事人申请", ["screening"] = "排查发现", ["police_transfer"] = "公安移交", ["court_entrusted"] = "法院委托",
        ["petition_transfer"] = "信访转办", ["government_assigned"] = "政府交办", ["walk_in"] = "来访", ["letter"] = "来信", ["phone"] = "来电",
        ["fax"] = "传真", ["online"] = "网上", ["hotline_12345"] = "12345 热线",
    };

    public static string Category(string key) => Categories.GetValueOrDefault(key, key);

    public static string Agency(string key) => Agencies.GetValueOrDefault(key, key);

    public static string Label(string path)
    {
        var parts = path.Split('.');
        return string.Join("·", parts.Select((part, i) =>
            i > 0 && parts[i - 1] == "byCategory" ? Category(part)
            : i > 0 && parts[i - 1] == "referrals" ? Agency(part)
            : Words.GetValueOrDefault(part, part)));
    }
}
