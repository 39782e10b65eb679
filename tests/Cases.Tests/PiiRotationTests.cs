using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// Key rotation of parties' personal data with the real command line (<c>dotnet MediationPlatform.Cases.dll
/// --reencrypt-pii</c>) against its own database (rotating the shared one would break the other tests' unmasked reads).
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class PiiRotationTests
{
    private const string NewKeyId = "k2";
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private const string NewHashKeyId = "h2";
    private static readonly string NewHashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A protector that knows only the new keys, as after the old ones are dropped.</summary>
    private static PersonalDataProtector NewKeyOnly() => new(new PersonalDataSettings
    {
        CurrentKeyId = NewKeyId, EncryptionKeys = new() { [NewKeyId] = NewKey },
        CurrentHashKeyId = NewHashKeyId, HashKeys = new() { [NewHashKeyId] = NewHashKey },
    });

    private static string Id(Party p) => NewKeyOnly().Decrypt(p.IdNumberEncrypted!, p.Id, PersonalDataProtector.IdNumberField);

    internal static async Task<(int ExitCode, string Output)> RunToolAsync(CasesFactory f, params (string, string)[] settings)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "MediationPlatform.sln"))) root = Path.GetDirectoryName(root)!;
        var bin = Path.Combine(root, "services", "Cases", "bin", "Release", "net10.0");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(bin, "MediationPlatform.Cases.dll"));
        start.ArgumentList.Add("--reencrypt-pii");
        start.Environment["ConnectionStrings__Cases"] = f.Database.ConnectionString;
        start.Environment["Auth__SigningKeyPath"] = TestTokens.Shared.PublicKeyPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (k, v) in TestSecrets.Environment()) start.Environment[k] = v; // the old keys, to read the old rows
        start.Environment["PersonalData__CurrentKeyId"] = NewKeyId;
        start.Environment["PersonalData__EncryptionKeys__" + NewKeyId] = NewKey;
        start.Environment["PersonalData__CurrentHashKeyId"] = NewHashKeyId;
        start.Environment["PersonalData__HashKeys__" + NewHashKeyId] = NewHashKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException("--reencrypt-pii did not finish"); }
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Rotating_keys_makes_old_rows_readable_with_the_new_key_only_after_the_tool_ran_and_search_keeps_working()
    {
        await using var f = await CasesFactory.StartAsync();
        await f.SeedRegionsAsync();
        using var supervisor = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
            ids.Add((await Expect(supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created)).GetProperty("id").GetGuid());

        var newOnly = NewKeyOnly();
        var before = await f.WithDbAsync(db => db.Parties.AsNoTracking().Where(p => p.IdNumberEncrypted != null).ToListAsync());
        Assert.Equal(3, before.Count);
        Assert.All(before, p => Assert.StartsWith(TestSecrets.PiiKeyId + ":", p.IdNumberEncrypted));
        Assert.All(before, p => Assert.StartsWith(TestSecrets.HashKeyId + ":", p.IdNumberHash));
        Assert.All(before, p => Assert.Throws<CryptographicException>(() => Id(p)));

        // an interrupted rotation: one batch of one party, then stop — what is committed stays done
        var (code, output) = await RunToolAsync(f, ("PersonalData__ReencryptBatchSize", "1"), ("PersonalData__ReencryptMaxBatches", "1"));
        Assert.True(code == 0, output);
        Assert.Contains("reencrypted=1 batches=1 finished=false", output);
        var partly = await f.WithDbAsync(db => db.Parties.AsNoTracking().Where(p => p.IdNumberEncrypted != null).ToListAsync());
        Assert.Equal(1, partly.Count(p => p.IdNumberEncrypted!.StartsWith("k2:")));

        // resumed: the rest, in batches of two
        (code, output) = await RunToolAsync(f, ("PersonalData__ReencryptBatchSize", "2"));
        Assert.True(code == 0, output);
        Assert.Contains("reencrypted=2 batches=1 finished=true", output);
        // idempotent: nothing left to do
        (code, output) = await RunToolAsync(f);
        Assert.Contains("reencrypted=0 batches=0 finished=true", output);

        var after = await f.WithDbAsync(db => db.Parties.AsNoTracking().Where(p => p.IdNumberEncrypted != null).ToListAsync());
        Assert.All(after, p => Assert.StartsWith("k2:", p.IdNumberEncrypted));
        Assert.All(after, p => Assert.StartsWith("k2:", p.PhoneEncrypted));
        Assert.All(after, p => Assert.Equal("500112198001011234", Id(p)));
        Assert.All(after, p => Assert.Equal("13812345678", newOnly.Decrypt(p.PhoneEncrypted!, p.Id, PersonalDataProtector.PhoneField)));
        // the hash key rotated too: every hash made again under the new key, the same for the same number
        Assert.All(after, p => Assert.Equal(newOnly.HashIdNumber("500112198001011234"), p.IdNumberHash));

        // the service with the old key dropped: exact search by ID number and unmasked reads work
        await using var rotated = f.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(NewKeyOnly())));
        using var client = rotated.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var found = await client.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001011234&purpose=核对重复来访");
        Assert.Equal(ids.Order(), found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
        var parties = await Expect(client.GetAsync($"/api/cases/{ids[0]}/parties?purpose=核对身份信息"));
        var applicant = parties.EnumerateArray().First(p => p.GetProperty("name").GetString() == "张某");
        Assert.Equal(("500112198001011234", "13812345678"), (applicant.GetProperty("idNumber").GetString(), applicant.GetProperty("phone").GetString()));
    }
}
