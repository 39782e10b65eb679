using System.Globalization;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Cases.Features.Directory;
using MediationPlatform.Kernel;
using C = MediationPlatform.Cases.Features.Imports.LedgerColumns;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// Checks every row of a ledger against the contract (api.md "Ledger import") and says what is wrong in Chinese, by row
/// and column; then builds each clean row as a case in memory through the aggregate (<see cref="LedgerCaseBuilder"/>),
/// so a rule of the aggregate that the field checks missed is reported here too and the job cannot meet it later.
/// </summary>
public sealed class LedgerValidator(LedgerCaseBuilder builder)
{
    private static readonly char[] NameSeparators = ['、', '，', ',', '；', ';', '/', '／'];

    /// <summary>Where a ledger is checked: its town, the town's villages and communities, the town's mediators, and now.</summary>
    public sealed record Scope(RegionRef Town, IReadOnlyList<RegionRef> Regions, IReadOnlyList<MediatorRef> Mediators, CaseContext Context);

    public (List<LedgerRow> Rows, List<ImportError> Errors) Validate(LedgerSheet sheet, Scope scope)
    {
        var errors = sheet.MissingColumns
            .Select(c => new ImportError(sheet.HeaderRow, c, null, $"第 {sheet.HeaderRow} 行 表头：缺少列“{c}”")).ToList();
        if (errors.Count > 0) return ([], errors);
        var today = ChinaTime.DateOf(scope.Context.Now);
        var rows = new List<LedgerRow>();
        var firstRowOfKey = new Dictionary<(int Year, string Sequence), int>();
        foreach (var cells in sheet.Rows)
        {
            var before = errors.Count;
            var row = Check(cells, scope, today, errors);
            if (row is null) continue;
            if (firstRowOfKey.TryGetValue((row.Year, row.Sequence), out var first))
            {
                errors.Add(ImportError.At(cells.Row, C.Sequence, row.Sequence, $"'{row.Sequence}' 与第 {first} 行重复（{row.Year} 年已有此序号）"));
                continue;
            }
            firstRowOfKey[(row.Year, row.Sequence)] = cells.Row;
            if (errors.Count > before) continue;
            if (DryBuild(row, scope) is { } problem) errors.Add(problem);
            else rows.Add(row);
        }
        return (rows, errors.OrderBy(e => e.Row).ToList());
    }

    private static LedgerRow? Check(LedgerCells cells, Scope scope, DateOnly today, List<ImportError> errors)
    {
        var row = cells.Row;
        void Error(string column, string problem) =>
            errors.Add(ImportError.At(row, column, cells.Text(column) is { } text && column is C.ApplicantIdNumber or C.ApplicantPhone ? Mask(text) : cells.Text(column), problem));
        string? Text(string column, int max)
        {
            var text = cells.Text(column);
            if (text is not null && text.Length > max) { Error(column, $"超过 {max} 字"); return null; }
            return text;
        }

        var sequence = Text(C.Sequence, 40);
        if (sequence is null && cells.Text(C.Sequence) is null) Error(C.Sequence, "不能为空");

        DateOnly? registeredOn = null;
        if (cells.Text(C.RegisteredOn) is null) Error(C.RegisteredOn, "不能为空");
        else if (LedgerCells.DateOf(cells.Raw(C.RegisteredOn)) is not { } day) Error(C.RegisteredOn, $"'{cells.Text(C.RegisteredOn)}' 不是日期（Excel 日期或 yyyy-MM-dd）");
        else if (day > today) Error(C.RegisteredOn, "不能晚于今天");
        else if (day.Year < 2000) Error(C.RegisteredOn, "早于 2000 年，请核对");
        else registeredOn = day;

        var regionCode = scope.Town.Code;
        if (cells.Text(C.Village) is { } village)
        {
            var found = scope.Regions.Where(r => r.Code == village || r.Name == village).ToList();
            if (found.Count == 1) regionCode = found[0].Code;
            else if (found.Count == 0) Error(C.Village, $"'{village}' 不是{scope.Town.Name}的村（社区）");
            else Error(C.Village, $"{scope.Town.Name}有多个名为 '{village}' 的村（社区），请填写代码");
        }

        var categoryText = cells.Text(C.Category);
        var category = categoryText is null ? null : LedgerVocabulary.CategoryOf(categoryText);
        if (categoryText is null) Error(C.Category, "不能为空");
        else if (category is null) Error(C.Category, $"'{categoryText}' 不是可选的类别");

        var summary = Text(C.Summary, 4000);
        if (cells.Text(C.Summary) is null) Error(C.Summary, "不能为空");

        var applicants = Names(cells.Text(C.Applicant));
        if (applicants.Count == 0) Error(C.Applicant, "不能为空（人民调解须有申请人）");
        else if (applicants.Any(n => n.Length > 200)) { Error(C.Applicant, "姓名超过 200 字"); applicants = []; }

        var idNumber = cells.Text(C.ApplicantIdNumber);
        if (idNumber is not null && (idNumber.Length is < 6 or > 30 || !idNumber.All(char.IsAsciiLetterOrDigit)))
        {
            Error(C.ApplicantIdNumber, $"'{Mask(idNumber)}' 不是有效的证件号码（6–30 位字母或数字）");
            idNumber = null;
        }
        var phone = cells.Text(C.ApplicantPhone);
        if (phone is not null && (phone.Length is < 5 or > 20 || !phone.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ')))
        {
            Error(C.ApplicantPhone, $"'{Mask(phone)}' 不是有效的电话号码");
            phone = null;
        }

        var respondents = Names(cells.Text(C.Respondent));
        if (respondents.Any(n => n.Length > 200)) { Error(C.Respondent, "姓名超过 200 字"); respondents = []; }
        if (applicants.Count + respondents.Count > PartyRules.MaxParties) Error(C.Respondent, $"当事人超过 {PartyRules.MaxParties} 人");

        int? people = null;
        if (cells.Text(C.People) is { } peopleText)
        {
            if (int.TryParse(peopleText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000) people = n;
            else Error(C.People, $"'{peopleText}' 不是 0–100000 的整数");
        }

        decimal? amount = null;
        if (cells.Text(C.Amount) is { } amountText)
        {
            var cleaned = amountText.Replace(",", "").Replace("，", "").Replace("元", "").Replace("¥", "").Replace("￥", "").Trim();
            if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) && a <= 1_000_000_000_000m)
                amount = Math.Round(a, 2);
            else Error(C.Amount, $"'{amountText}' 不是金额（元，不小于 0）");
        }

        string? mediatorName = null;
        Guid? mediatorId = null;
        if (cells.Text(C.Mediator) is { } mediatorText)
        {
            mediatorName = Names(mediatorText).FirstOrDefault() ?? mediatorText;
            var named = scope.Mediators.Where(m => m.Active && m.Name == mediatorName).ToList();
            if (named.Count == 1) mediatorId = named[0].Id;
            else if (named.Count == 0) Error(C.Mediator, $"'{mediatorText}' 不是{scope.Town.Name}的在岗调解员");
            else Error(C.Mediator, $"{scope.Town.Name}有 {named.Count} 名调解员叫 '{mediatorName}'，无法确定是哪一位；请留空，导入后再分配");
        }

        LedgerResult? result = null;
        if (cells.Text(C.Result) is { } resultText && (result = LedgerVocabulary.ResultOf(resultText)) is null)
            Error(C.Result, $"'{resultText}' 不是可选的调解结果（调解成功、调解不成功、撤回、移交，或留空）");

        Contracts.AgreementType? agreement = null;
        if (cells.Text(C.Agreement) is { } agreementText && (agreement = LedgerVocabulary.AgreementOf(agreementText)) is null)
            Error(C.Agreement, $"'{agreementText}' 不是可选的协议形式（书面、口头）");
        else if (result == LedgerResult.Resolved && cells.Text(C.Agreement) is null)
            Error(C.Agreement, "调解成功时必须填写（书面或口头）");

        DateOnly? closedOn = null;
        if (cells.Text(C.ClosedOn) is { } closedText)
        {
            if (LedgerCells.DateOf(cells.Raw(C.ClosedOn)) is not { } day) Error(C.ClosedOn, $"'{closedText}' 不是日期（Excel 日期或 yyyy-MM-dd）");
            else if (day > today) Error(C.ClosedOn, "不能晚于今天");
            else if (registeredOn is { } from && day < from) Error(C.ClosedOn, $"不能早于登记日期 {from:yyyy-MM-dd}");
            else if (result is null && cells.Text(C.Result) is null) Error(C.ClosedOn, "填写了结案日期，但调解结果为空（未结案件请留空结案日期）");
            else closedOn = day;
        }
        else if (result is not null) Error(C.ClosedOn, "填写了调解结果时必须填写");

        var remarks = Text(C.Remarks, 2000);

        // the optional statistics columns (ADR 0021): only for a dispute mediated successfully
        decimal? amountAgreed = null;
        if (cells.Text(C.AmountAgreed) is { } agreedText)
        {
            var cleaned = agreedText.Replace(",", "").Replace("，", "").Replace("元", "").Replace("¥", "").Replace("￥", "").Trim();
            if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) || a > 1_000_000_000_000m)
                Error(C.AmountAgreed, $"'{agreedText}' 不是金额（元，不小于 0）");
            else if (result != LedgerResult.Resolved) Error(C.AmountAgreed, "只有调解成功的纠纷才有协议金额");
            else amountAgreed = Math.Round(a, 2);
        }
        var prevented = new List<Contracts.Prevention>();
        foreach (var (column, kind) in new[]
                 {
                     (C.PreventedCriminalCase, Contracts.PreventedKind.CriminalCase), (C.PreventedGroupPetition, Contracts.PreventedKind.GroupPetition),
                     (C.PreventedGroupFight, Contracts.PreventedKind.GroupFight), (C.PreventedSuicide, Contracts.PreventedKind.Suicide),
                 })
        {
            if (cells.Text(column) is not { } personsText) continue;
            if (!int.TryParse(personsText, NumberStyles.None, CultureInfo.InvariantCulture, out var persons) || persons > 100_000)
                Error(column, $"'{personsText}' 不是 0–100000 的整数（人数）");
            else if (persons == 0) continue;
            else if (result != LedgerResult.Resolved) Error(column, "只有调解成功的纠纷才计入防止类统计");
            else prevented.Add(new Contracts.Prevention(kind, persons));
        }

        if (sequence is null || registeredOn is null || category is null || summary is null || applicants.Count == 0) return null;
        return new LedgerRow(row, sequence, registeredOn.Value, regionCode, category.Value, summary, applicants, idNumber, phone,
            respondents, people, amount, mediatorName, mediatorId, result, agreement, closedOn, remarks, amountAgreed, prevented.Count > 0 ? prevented : null);
    }

    /// <summary>Builds the row's case in memory; a rule of the aggregate it breaks, as an error of the row.</summary>
    private ImportError? DryBuild(LedgerRow row, Scope scope)
    {
        var place = (scope.Regions.FirstOrDefault(r => r.Code == row.RegionCode) ?? scope.Town).Path;
        try
        {
            builder.Build(row, place, "DRY-RUN", scope.Context, new RegistrationNotes([]));
            return null;
        }
        catch (InvalidInputException invalid)
        {
            var (field, messages) = invalid.Errors.First();
            var column = ColumnOf(field, row);
            return new ImportError(row.Row, column, null, $"第 {row.Row} 行 {column}：{string.Join("；", messages)}");
        }
        catch (ActionNotAllowedException wrong)
        {
            return new ImportError(row.Row, C.Result, null, $"第 {row.Row} 行 {C.Result}：{wrong.Message}");
        }
    }

    private static string ColumnOf(string field, LedgerRow row) => field switch
    {
        "receivedAt" => C.RegisteredOn,
        "occurredAt" or "performanceDueAt" => C.ClosedOn,
        "title" or "description" => C.Summary,
        "partyCount" => C.People,
        "amountInvolved" => C.Amount,
        "amountAgreed" => C.AmountAgreed,
        _ when field.StartsWith("prevented", StringComparison.Ordinal) => C.PreventedCriminalCase,
        "agreementType" => C.Agreement,
        "agreementSummary" or "reason" => C.Remarks,
        "regionCode" => C.Village,
        _ when field.EndsWith(".idNumber", StringComparison.Ordinal) => C.ApplicantIdNumber,
        _ when field.EndsWith(".phone", StringComparison.Ordinal) => C.ApplicantPhone,
        _ when field.StartsWith("parties[", StringComparison.Ordinal) && int.TryParse(field[8..field.IndexOf(']')], out var i) =>
            i < row.Applicants.Count ? C.Applicant : C.Respondent,
        "parties" => C.Applicant,
        _ => C.Result,
    };

    private static List<string> Names(string? text) => text is null ? []
        : text.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>An ID number or phone in an error message shows only its ends (the report is not an unmasked read).</summary>
    private static string Mask(string text) => text.Length <= 7 ? new string('*', text.Length) : text[..3] + new string('*', text.Length - 7) + text[^4..];
}
