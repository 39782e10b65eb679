using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// Reads an uploaded ledger with MiniExcel — an xlsx workbook (its first sheet) or a UTF-8 CSV as WPS and Excel export
/// it — into rows numbered as Excel shows them. The header is the first row (of the first ten) holding 序号 and 登记日期,
/// so a title row above it is tolerated; wholly empty rows are skipped but keep the numbering. (MiniExcel drops wholly
/// empty lines of a CSV, which WPS does not write — it writes ",,,"; a hand-made CSV with blank lines gets row numbers
/// that count only its non-blank lines.)
/// </summary>
public static class LedgerReader
{
    public const int MaxRows = 50_000;
    private const int HeaderSearchRows = 10;

    public static LedgerSheet Read(byte[] content)
    {
        var excelType = content.AsSpan().StartsWith("PK\u0003\u0004"u8) ? ExcelType.XLSX
            : content.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }) ? throw new LedgerFileException("不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV UTF-8 后再导入。")
            : ExcelType.CSV;
        if (excelType == ExcelType.CSV) RequireUtf8(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            MiniExcelLibs.IConfiguration? configuration = excelType == ExcelType.CSV
                ? new CsvConfiguration { StreamReaderFunc = s => new StreamReader(s, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true) }
                : null;
            var rows = stream.Query(useHeaderRow: false, excelType: excelType, configuration: configuration)
                .Cast<IDictionary<string, object?>>();
            return Parse(rows);
        }
        catch (LedgerFileException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or FormatException
            or System.Xml.XmlException or NotSupportedException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new LedgerFileException($"无法读取文件：{ex.Message}");
        }
    }

    private static LedgerSheet Parse(IEnumerable<IDictionary<string, object?>> rows)
    {
        Dictionary<string, string>? columns = null; // cell key (A, B, …) → header
        var headerRow = 0;
        var data = new List<LedgerCells>();
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            if (columns is null)
            {
                if (number > HeaderSearchRows) break;
                var headers = row.Where(kv => LedgerCells.TextOf(kv.Value) is not null)
                    .ToDictionary(kv => kv.Key, kv => LedgerColumns.Normalize(LedgerCells.TextOf(kv.Value)!));
                if (headers.ContainsValue(LedgerColumns.Sequence) && headers.ContainsValue(LedgerColumns.RegisteredOn))
                {
                    columns = headers.Where(h => LedgerColumns.All.Contains(h.Value) || LedgerColumns.Optional.Contains(h.Value))
                        .GroupBy(h => h.Value).ToDictionary(g => g.First().Key, g => g.Key); // a repeated header: its first column
                    headerRow = number;
                }
                continue;
            }
            var cells = new Dictionary<string, object?>(columns.Count);
            foreach (var (key, header) in columns) cells[header] = row.TryGetValue(key, out var value) ? value : null;
            var line = new LedgerCells(number, cells);
            if (line.IsEmpty) continue;
            if (data.Count == MaxRows) throw new LedgerFileException($"一次最多导入 {MaxRows} 行，请分成几个文件。");
            data.Add(line);
        }
        if (columns is null)
            throw new LedgerFileException($"找不到表头：前 {HeaderSearchRows} 行中没有含“{LedgerColumns.Sequence}”和“{LedgerColumns.RegisteredOn}”的一行（请使用 GET /api/imports/template 的模板）。");
        return new LedgerSheet(headerRow, LedgerColumns.All.Where(c => !columns.ContainsValue(c)).ToList(), data);
    }

    private static void RequireUtf8(byte[] content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
        }
        catch (DecoderFallbackException)
        {
            throw new LedgerFileException("CSV 文件必须是 UTF-8 编码（WPS/Excel：另存为“CSV UTF-8”）；GBK 等编码无法读取。");
        }
    }
}
