using System.Data;
using System.IO.Compression;
using System.Xml.Linq;
using MiniExcelLibs;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// The ledger workbook of <c>GET /api/imports/template</c>: a sheet 台账 with the header row, a sheet 可选值 with the allowed
/// categories, results and agreement forms, and drop-down validation on 纠纷类别, 调解结果 and 协议形式 pointing at them.
/// MiniExcel (1.46) writes the sheets but has no API for data validation, so the drop-downs are added afterwards the
/// plainest way: a standard <c>&lt;dataValidations&gt;</c> element (ECMA-376 §18.3.1.33) inserted into the 台账 sheet's
/// XML inside the package, in the position the schema requires.
/// </summary>
public static class LedgerTemplate
{
    public const string LedgerSheet = "台账";
    public const string ValuesSheet = "可选值";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FileName = "矛盾纠纷排查调处台账（导入模板）.xlsx";

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    // CT_Worksheet children that must come after <dataValidations> (ECMA-376 Part 1, §18.3.1.99)
    private static readonly HashSet<string> AfterDataValidations =
    [
        "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
        "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture",
        "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    ];

    private static readonly Lazy<byte[]> Bytes = new(Build);

    public static byte[] Workbook => Bytes.Value;

    private static byte[] Build()
    {
        var header = new DataTable(LedgerSheet);
        foreach (var column in LedgerColumns.All) header.Columns.Add(column, typeof(string));
        var categories = LedgerVocabulary.Categories.Select(c => c.Name).ToList();
        var results = LedgerVocabulary.Results.Select(r => r.Name).ToList();
        var agreements = LedgerVocabulary.Agreements.Select(a => a.Name).ToList();
        var values = Enumerable.Range(0, categories.Count).Select(i => new Dictionary<string, object?>
        {
            [LedgerColumns.Category] = categories[i],
            [LedgerColumns.Result] = i < results.Count ? results[i] : null,
            [LedgerColumns.Agreement] = i < agreements.Count ? agreements[i] : null,
        }).ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [LedgerSheet] = header, [ValuesSheet] = values });
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var lastRow = LedgerReader.MaxRows + 1;
            AddDropDowns(zip, LedgerSheet,
            [
                (Cells(LedgerColumns.Category, lastRow), $"'{ValuesSheet}'!$A$2:$A${categories.Count + 1}", "纠纷类别", "请从列表中选择纠纷类别。"),
                (Cells(LedgerColumns.Result, lastRow), $"'{ValuesSheet}'!$B$2:$B${results.Count + 1}", "调解结果", "调解成功、调解不成功、撤回、移交，未结案件留空。"),
                (Cells(LedgerColumns.Agreement, lastRow), $"'{ValuesSheet}'!$C$2:$C${agreements.Count + 1}", "协议形式", "调解成功时必填：书面或口头。"),
            ]);
        }
        return stream.ToArray();
    }

    /// <summary>The data cells of a ledger column, e.g. <c>D2:D50001</c>.</summary>
    private static string Cells(string column, int lastRow)
    {
        var letter = (char)('A' + LedgerColumns.All.ToList().IndexOf(column));
        return $"{letter}2:{letter}{lastRow}";
    }

    private static void AddDropDowns(ZipArchive zip, string sheetName, IReadOnlyList<(string Range, string Source, string Title, string Prompt)> lists)
    {
        var path = SheetPath(zip, sheetName);
        var entry = zip.GetEntry(path) ?? throw new InvalidOperationException($"{path} is missing from the workbook MiniExcel wrote.");
        XDocument sheet;
        using (var read = entry.Open()) sheet = XDocument.Load(read);
        var validations = new XElement(Main + "dataValidations", new XAttribute("count", lists.Count),
            lists.Select(l => new XElement(Main + "dataValidation",
                new XAttribute("type", "list"), new XAttribute("allowBlank", "1"), new XAttribute("showInputMessage", "1"),
                new XAttribute("showErrorMessage", "1"), new XAttribute("errorStyle", "stop"),
                new XAttribute("errorTitle", l.Title), new XAttribute("error", "只能从下拉列表中选择。"),
                new XAttribute("promptTitle", l.Title), new XAttribute("prompt", l.Prompt), new XAttribute("sqref", l.Range),
                new XElement(Main + "formula1", l.Source))));
        var root = sheet.Root!;
        var next = root.Elements().FirstOrDefault(e => e.Name.Namespace == Main && AfterDataValidations.Contains(e.Name.LocalName));
        if (next is null) root.Add(validations);
        else next.AddBeforeSelf(validations);
        entry.Delete();
        using var write = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        sheet.Save(write, SaveOptions.DisableFormatting);
    }

    /// <summary>The package path of a sheet, through the workbook and its relationships.</summary>
    private static string SheetPath(ZipArchive zip, string sheetName)
    {
        XDocument Load(string name)
        {
            using var s = (zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is missing.")).Open();
            return XDocument.Load(s);
        }
        var relId = Load("xl/workbook.xml").Descendants(Main + "sheet").First(s => (string?)s.Attribute("name") == sheetName).Attribute(Rel + "id")!.Value;
        var target = Load("xl/_rels/workbook.xml.rels").Descendants(PackageRel + "Relationship").First(r => (string?)r.Attribute("Id") == relId)
            .Attribute("Target")!.Value;
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }
}
