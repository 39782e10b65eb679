// Ledger import benchmark (bench/import.sh runs it): generates a ledger of N rows (xlsx, the template's columns) for a
// town of a running platform, checks it (dry run), imports it, waits for the job and prints rows/s.
//   importbench --url http://127.0.0.1:5080 [--user admin --password …] [--town muer] [--rows 10000] [--seed 1] [--out ledger.xlsx]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
var url = Opt("url", "http://127.0.0.1:5080").TrimEnd('/');
var town = Opt("town", "muer");
var rowCount = int.Parse(Opt("rows", "10000"), CultureInfo.InvariantCulture);
var random = new Random(int.Parse(Opt("seed", "1"), CultureInfo.InvariantCulture));
var output = Opt("out", Path.Combine(Path.GetTempPath(), $"ledger-{rowCount}.xlsx"));

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
// the bench's gateway runs as behind a TLS-terminating proxy (Transport:Mode=proxy): say HTTPS, as the proxy would
if (url.StartsWith("http://", StringComparison.Ordinal)) http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "password", ["username"] = Opt("user", "admin"), ["password"] = Opt("password", Environment.GetEnvironmentVariable("MP_SECRET_ADMIN_PASSWORD") ?? ""),
}));
token.EnsureSuccessStatusCode();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());

// list endpoints answer a page { items, … } (or, in older versions, an array)
async Task<IEnumerable<JsonElement>> ListAsync(string path)
{
    var body = await http.GetFromJsonAsync<JsonElement>(path);
    return (body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("items")).EnumerateArray().ToList();
}
var villages = (await ListAsync($"/api/regions?parentCode={town}&pageSize=200")).Select(r => r.GetProperty("name").GetString()!).ToArray();
var mediators = (await ListAsync($"/api/mediators?regionCode={town}&pageSize=200"))
    .Where(m => m.GetProperty("active").GetBoolean()).Select(m => m.GetProperty("name").GetString()!).Distinct().ToArray();
if (villages.Length == 0) throw new InvalidOperationException($"town '{town}' has no villages: seed the directory first (deploy/seed-demo.sh)");

// the ledger: a year of a town's disputes, every row a different applicant; 序号 unique per run
string[] categories = ["婚姻家庭纠纷", "邻里纠纷", "房屋宅基地纠纷", "合同纠纷", "损害赔偿纠纷", "山林土地纠纷", "劳动争议纠纷", "消费纠纷", "道路交通事故纠纷", "其他纠纷"];
string[] surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
var year = DateTime.UtcNow.Year - 1;
var rows = new List<Dictionary<string, object?>>(rowCount);
for (var i = 1; i <= rowCount; i++)
{
    var registered = new DateTime(year, 1, 1).AddDays(random.Next(0, 330));
    var roll = random.Next(100);
    var (result, agreement) = roll switch
    {
        < 45 => ("调解成功", "书面"), < 65 => ("调解成功", "口头"), < 75 => ("调解不成功", null), < 80 => ("撤回", null), < 85 => ("移交", null),
        _ => ((string?)null, (string?)null),
    };
    rows.Add(new Dictionary<string, object?>
    {
        ["序号"] = $"B{run}-{i}", ["登记日期"] = registered, ["村（社区）"] = villages[random.Next(villages.Length)],
        ["纠纷类别"] = categories[random.Next(categories.Length)], ["纠纷简要情况"] = $"第 {i} 起：双方因琐事发生争执，经排查登记。",
        ["申请人"] = surnames[random.Next(surnames.Length)] + "某" + i, ["申请人身份证号码"] = $"500112{1950 + random.Next(50)}{random.Next(1, 13):00}{random.Next(1, 29):00}{i % 10000:0000}",
        ["申请人联系电话"] = $"13{random.Next(100_000_000, 999_999_999)}", ["被申请人"] = surnames[random.Next(surnames.Length)] + "某",
        ["涉及人数"] = random.Next(2, 8), ["涉及金额（元）"] = random.Next(0, 50) * 1000,
        ["调解员"] = mediators.Length > 0 && random.Next(4) == 0 ? mediators[random.Next(mediators.Length)] : null,
        ["调解结果"] = result, ["协议形式"] = agreement, ["结案日期"] = result is null ? null : registered.AddDays(random.Next(1, 30)),
        ["备注"] = result == "移交" ? "移交派出所处理" : null,
    });
}
await using (var file = File.Create(output)) await file.SaveAsAsync(rows, sheetName: "台账");
var bytes = await File.ReadAllBytesAsync(output);
Console.WriteLine($"ledger: {rowCount} rows, {bytes.Length / 1024} KiB, {output}");

HttpContent Form()
{
    var content = new ByteArrayContent(bytes);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return new MultipartFormDataContent { { content, "file", Path.GetFileName(output) } };
}

var clock = Stopwatch.StartNew();
using var dry = await http.PostAsync($"/api/imports?regionCode={town}&dryRun=true", Form());
var report = await dry.Content.ReadFromJsonAsync<JsonElement>();
var dryRun = clock.Elapsed.TotalSeconds;
if (!dry.IsSuccessStatusCode || report.GetProperty("errors").GetArrayLength() > 0)
{
    Console.Error.WriteLine($"dry run: HTTP {(int)dry.StatusCode} {report.ToString()[..Math.Min(2000, report.ToString().Length)]}");
    return 1;
}
Console.WriteLine($"dry run: {dryRun:F1} s ({report.GetProperty("valid").GetInt32()} valid rows, {report.GetProperty("possibleDuplicates").GetArrayLength()} possible duplicates)");

clock.Restart();
using var accepted = await http.PostAsync($"/api/imports?regionCode={town}&dryRun=false", Form());
if ((int)accepted.StatusCode != 202)
{
    Console.Error.WriteLine($"import: HTTP {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
    return 1;
}
var acceptedIn = clock.Elapsed.TotalSeconds;
var location = accepted.Headers.Location!.OriginalString;
JsonElement status;
while (true)
{
    status = await http.GetFromJsonAsync<JsonElement>(location);
    if (status.GetProperty("status").GetString() != "running") break;
    await Task.Delay(200);
}
var total = clock.Elapsed.TotalSeconds;
var imported = status.GetProperty("imported").GetInt32();
Console.WriteLine($"import {location}: {status.GetProperty("status").GetString()}, {imported} imported, {status.GetProperty("skipped").GetInt32()} skipped");
Console.WriteLine($"accepted (upload, check, job stored) in {acceptedIn:F1} s; job done {total - acceptedIn:F1} s later");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT rows={imported} seconds={total:F1} rows_per_second={imported / total:F0}"));
return status.GetProperty("status").GetString() == "done" && imported == rowCount ? 0 : 1;
