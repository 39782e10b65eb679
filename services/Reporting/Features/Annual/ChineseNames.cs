using System.Globalization;

namespace MediationPlatform.Reporting.Features.Annual;

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
        ["byChannel"] = "按渠道", ["byRegion"] = "按村（社区）", ["byAgreementType"] = "按协议形式", ["byMonth"] = "按月", ["written"] = "书面协议", ["oral"] = "口头协议",
        ["accepted"] = "受理", ["notAccepted"] = "不予受理", ["concluded"] = "办结", ["concludedOnTime"] = "按期办结", ["onTimeRate"] = "按期办结率",
        ["byType"] = "按类型", ["byOpinion"] = "按处理意见", ["reviewsRequested"] = "申请复查复核", ["repeat"] = "重复信访", ["made"] = "移交", ["declined"] = "退回",
        ["completed"] = "办结", ["scheduled"] = "安排", ["held"] = "召开", ["opened"] = "建立", ["closed"] = "销号", ["active"] = "在岗",
        ["suggestion"] = "建议", ["accusation"] = "检举控告", ["claim"] = "申诉求决", ["support"] = "支持", ["explain"] = "解释", ["not_support"] = "不支持",
        ["application"] = "当事人申请", ["screening"] = "排查发现", ["police_transfer"] = "公安移交", ["court_entrusted"] = "法院委托",
        ["petition_transfer"] = "信访转办", ["government_assigned"] = "政府交办", ["walk_in"] = "来访", ["letter"] = "来信", ["phone"] = "来电",
        ["fax"] = "传真", ["online"] = "网上", ["hotline_12345"] = "12345 热线",
        ["intake"] = "部门移交调解（三调对接）", ["received"] = "接收", ["returned"] = "退回部门", ["open"] = "办理中", ["overdue"] = "超期",
    };

    public static string Category(string key) => Categories.GetValueOrDefault(key, key);

    public static string Agency(string key) => Agencies.GetValueOrDefault(key, key);

    /// <summary>A case source (当事人申请, 排查发现, …) by its snake_case key.</summary>
    public static string Source(string key) => Words.GetValueOrDefault(key, key);

    /// <summary>A month key of <c>byMonth</c> ("03") as 3月.</summary>
    public static string Month(string key) => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        ? m.ToString(CultureInfo.InvariantCulture) + "月" : key;

    public static string Label(string path)
    {
        var parts = path.Split('.');
        return string.Join("·", parts.Select((part, i) =>
            i > 0 && parts[i - 1] == "byCategory" ? Category(part)
            : i > 0 && parts[i - 1] is "referrals" or "intake" ? Agency(part)
            : i > 0 && parts[i - 1] == "byMonth" ? Month(part)
            : Words.GetValueOrDefault(part, part)));
    }
}
