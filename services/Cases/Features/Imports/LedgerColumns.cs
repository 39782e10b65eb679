namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// The ledger's header row (矛盾纠纷排查调处台账, api.md "Ledger import"), in the contract's order. Columns are found by
/// name, so their order and extra columns do not matter; half-width parentheses and spaces in a header are tolerated.
/// </summary>
public static class LedgerColumns
{
    public const string Sequence = "序号";
    public const string RegisteredOn = "登记日期";
    public const string Village = "村（社区）";
    public const string Category = "纠纷类别";
    public const string Summary = "纠纷简要情况";
    public const string Applicant = "申请人";
    public const string ApplicantIdNumber = "申请人身份证号码";
    public const string ApplicantPhone = "申请人联系电话";
    public const string Respondent = "被申请人";
    public const string People = "涉及人数";
    public const string Amount = "涉及金额（元）";
    public const string Mediator = "调解员";
    public const string Result = "调解结果";
    public const string Agreement = "协议形式";
    public const string ClosedOn = "结案日期";
    public const string Remarks = "备注";

    // optional columns (ADR 0021): read where a ledger has them, never reported missing
    public const string AmountAgreed = "协议金额（元）";
    public const string PreventedCriminalCase = "防止民转刑（人）";
    public const string PreventedGroupPetition = "防止群体性上访（人）";
    public const string PreventedGroupFight = "防止群体性械斗（人）";
    public const string PreventedSuicide = "防止自杀（人）";

    public static readonly IReadOnlyList<string> Optional = [AmountAgreed, PreventedCriminalCase, PreventedGroupPetition, PreventedGroupFight, PreventedSuicide];

    public static readonly IReadOnlyList<string> All =
    [
        Sequence, RegisteredOn, Village, Category, Summary, Applicant, ApplicantIdNumber, ApplicantPhone, Respondent,
        People, Amount, Mediator, Result, Agreement, ClosedOn, Remarks,
    ];

    /// <summary>A header cell as written (<c>村(社区)</c>, <c>涉及金额 (元)</c>) in the form of <see cref="All"/>.</summary>
    public static string Normalize(string header) =>
        new string(header.Where(ch => !char.IsWhiteSpace(ch)).ToArray()).Replace('(', '（').Replace(')', '）');
}
