using MediationPlatform.Contracts;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// The ledger's words and the platform's vocabulary: categories by their Chinese name (婚姻家庭纠纷, also without 纠纷)
/// or code, 调解结果, 协议形式 — the values of the template's drop-downs — and the agency a 移交 went to, read from the
/// 备注 (the ledger has no column for it).
/// </summary>
public static class LedgerVocabulary
{
    /// <summary>Each category's name as the people's-mediation statistics write it (the template's drop-down).</summary>
    public static readonly IReadOnlyList<(DisputeCategory Category, string Name)> Categories =
    [
        (DisputeCategory.MarriageFamily, "婚姻家庭纠纷"), (DisputeCategory.Neighbourhood, "邻里纠纷"),
        (DisputeCategory.HousingHomestead, "房屋宅基地纠纷"), (DisputeCategory.Contract, "合同纠纷"),
        (DisputeCategory.ProductionOperation, "生产经营纠纷"), (DisputeCategory.Damages, "损害赔偿纠纷"),
        (DisputeCategory.LandForest, "山林土地纠纷"), (DisputeCategory.LandAcquisition, "征地拆迁纠纷"),
        (DisputeCategory.Environment, "环境污染纠纷"), (DisputeCategory.Labour, "劳动争议纠纷"),
        (DisputeCategory.Consumer, "消费纠纷"), (DisputeCategory.Medical, "医疗纠纷"),
        (DisputeCategory.TrafficAccident, "道路交通事故纠纷"), (DisputeCategory.PropertyManagement, "物业纠纷"),
        (DisputeCategory.Other, "其他纠纷"),
    ];

    public static readonly IReadOnlyList<(LedgerResult Result, string Name)> Results =
    [
        (LedgerResult.Resolved, "调解成功"), (LedgerResult.Unresolved, "调解不成功"), (LedgerResult.Withdrawn, "撤回"), (LedgerResult.Transferred, "移交"),
    ];

    public static readonly IReadOnlyList<(AgreementType Agreement, string Name)> Agreements =
    [
        (AgreementType.Written, "书面"), (AgreementType.Oral, "口头"),
    ];

    private static readonly Dictionary<string, DisputeCategory> CategoryByWord = BuildCategoryWords();

    private static Dictionary<string, DisputeCategory> BuildCategoryWords()
    {
        var words = new Dictionary<string, DisputeCategory>(StringComparer.OrdinalIgnoreCase);
        foreach (var (category, name) in Categories)
        {
            words[name] = category;
            words[name[..^2]] = category; // without 纠纷
            words[SnakeEnum.Name(category)] = category;
        }
        words["物业管理纠纷"] = words["物业管理"] = DisputeCategory.PropertyManagement;
        words["其它纠纷"] = words["其它"] = DisputeCategory.Other;
        words["劳动争议"] = DisputeCategory.Labour;
        return words;
    }

    public static DisputeCategory? CategoryOf(string text) => CategoryByWord.TryGetValue(text.Trim(), out var c) ? c : null;

    public static string NameOf(DisputeCategory category) => Categories.First(c => c.Category == category).Name;

    public static LedgerResult? ResultOf(string text) => Results.Where(r => r.Name == text.Trim()).Select(r => (LedgerResult?)r.Result).FirstOrDefault();

    public static AgreementType? AgreementOf(string text)
    {
        var t = text.Trim();
        return Agreements.Where(a => a.Name == t || a.Name + "协议" == t).Select(a => (AgreementType?)a.Agreement).FirstOrDefault();
    }

    /// <summary>The agency a 移交 went to, as far as the 备注 names it (派出所 → police …); other when it does not.</summary>
    public static Agency AgencyIn(string? remarks) => remarks switch
    {
        null => Agency.Other,
        _ when remarks.Contains("派出所") || remarks.Contains("公安") => Agency.Police,
        _ when remarks.Contains("法院") || remarks.Contains("法庭") => Agency.Court,
        _ when remarks.Contains("信访") => Agency.PetitionOffice,
        _ when remarks.Contains("司法所") => Agency.JudicialOffice,
        _ when remarks.Contains("平安办") || remarks.Contains("综治") => Agency.SafetyOffice,
        _ => Agency.Other,
    };
}
