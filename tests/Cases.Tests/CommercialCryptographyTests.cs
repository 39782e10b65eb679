using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MediationPlatform.Cases.Features.PersonalData;
using MediationPlatform.Contracts;
using MediationPlatform.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MediationPlatform.Cases.Tests.Http;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// 商用密码 as a configuration choice (issue 23, ADR 0023): SM4-GCM for parties' personal data and HMAC-SM3 for the blind
/// indexes, chosen per key id, the algorithm named in each sealed value, AES and SM4 values readable side by side while
/// an installation moves, and the move itself done by the existing <c>--reencrypt-pii</c> command.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class CommercialCryptographyTests
{
    private static readonly string AesKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Sm4Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    private static readonly string HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Sm3Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Both an AES key (a1) and an SM4 key (s1), a SHA-256 hash key (h1) and an SM3 one (m1): an installation mid-move.</summary>
    private static PersonalDataProtector Protector(string current, string currentHash) => new(new PersonalDataSettings
    {
        CurrentKeyId = current,
        EncryptionKeys = new() { ["a1"] = AesKey, ["s1"] = Sm4Key },
        Algorithms = new() { ["s1"] = PersonalDataProtector.Sm4 },
        CurrentHashKeyId = currentHash,
        HashKeys = new() { ["h1"] = HashKey, ["m1"] = Sm3Key },
        HashAlgorithms = new() { ["m1"] = PersonalDataProtector.HmacSm3 },
    });

    [Fact]
    public void SM4_and_AES_values_are_named_readable_side_by_side_and_bound_to_their_party_and_field()
    {
        var party = Guid.NewGuid();
        var aes = Protector("a1", "h1").Encrypt("500112198001011234", party, PersonalDataProtector.IdNumberField);
        var sm4 = Protector("s1", "m1").Encrypt("500112198001011234", party, PersonalDataProtector.IdNumberField);
        Assert.StartsWith("a1:aes256gcm:", aes);
        Assert.StartsWith("s1:sm4gcm:", sm4);
        Assert.Equal(PersonalDataProtector.Sm4, PersonalDataProtector.AlgorithmOf(sm4));

        var both = Protector("s1", "m1");
        Assert.Equal("500112198001011234", both.Decrypt(aes, party, PersonalDataProtector.IdNumberField));
        Assert.Equal("500112198001011234", both.Decrypt(sm4, party, PersonalDataProtector.IdNumberField));
        // another party, another field, a flipped bit: refused, never someone else's number
        Assert.ThrowsAny<CryptographicException>(() => both.Decrypt(sm4, Guid.NewGuid(), PersonalDataProtector.IdNumberField));
        Assert.ThrowsAny<CryptographicException>(() => both.Decrypt(sm4, party, PersonalDataProtector.PhoneField));
        var bytes = Convert.FromBase64String(sm4.Split(':')[2]);
        bytes[14] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => both.Decrypt($"s1:sm4gcm:{Convert.ToBase64String(bytes)}", party, PersonalDataProtector.IdNumberField));
        // a value claiming another algorithm than its key's is refused
        Assert.ThrowsAny<CryptographicException>(() => both.Decrypt(sm4.Replace("sm4gcm", "aes256gcm"), party, PersonalDataProtector.IdNumberField));
        // an SM4 key is 16 bytes; a wrong name is refused at start
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataSettings
        {
            CurrentKeyId = "s1", EncryptionKeys = new() { ["s1"] = AesKey }, Algorithms = new() { ["s1"] = PersonalDataProtector.Sm4 },
            CurrentHashKeyId = "h1", HashKeys = new() { ["h1"] = HashKey },
        }));
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataSettings
        {
            CurrentKeyId = "a1", EncryptionKeys = new() { ["a1"] = AesKey }, Algorithms = new() { ["a1"] = "des" },
            CurrentHashKeyId = "h1", HashKeys = new() { ["h1"] = HashKey },
        }));

        // HMAC-SM3 blind index: named, stable, different from the SHA-256 one, and searched under both while moving
        var sm3 = Protector("s1", "m1").HashIdNumber("500112198001011234");
        Assert.Matches("^m1:sm3:[0-9a-f]{64}$", sm3);
        Assert.Equal(sm3, Protector("s1", "m1").HashIdNumber(" 500112198001011234 "));
        var sha = Protector("a1", "h1").HashIdNumber("500112198001011234");
        Assert.Matches("^h1:[0-9a-f]{64}$", sha);
        Assert.Equal([sha, sm3], both.HashesOf("500112198001011234").Order());
        Assert.StartsWith("m1:sm3:", both.HashPhone("138-1234 5678"));
    }

    [Fact]
    public async Task An_installation_moves_from_AES_to_SM4_with_the_reencryption_command_and_search_and_unmasked_reads_keep_working()
    {
        await using var f = await CasesFactory.StartAsync();
        await f.SeedRegionsAsync();
        using var supervisor = f.ClientWithToken(TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
            ids.Add((await Expect(supervisor.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created)).GetProperty("id").GetGuid());

        // an issued document keeps the sealed values it was made from: the move re-seals them too
        await Expect(supervisor.PostAsync($"/api/cases/{ids[0]}/documents/application/issue", null), HttpStatusCode.Created);

        var (code, output) = await PiiRotationTests.RunToolAsync(f, ("PersonalData__EncryptionKeys__k2", Sm4Key), ("PersonalData__Algorithms__k2", "sm4-gcm"),
            ("PersonalData__HashKeys__h2", Sm3Key), ("PersonalData__HashAlgorithms__h2", "hmac-sm3"));
        Assert.True(code == 0, output);
        Assert.Contains("reencrypted=2 batches=1 finished=true documents=1", output);

        var sm4Only = new PersonalDataProtector(new PersonalDataSettings
        {
            CurrentKeyId = "k2", EncryptionKeys = new() { ["k2"] = Sm4Key }, Algorithms = new() { ["k2"] = PersonalDataProtector.Sm4 },
            CurrentHashKeyId = "h2", HashKeys = new() { ["h2"] = Sm3Key }, HashAlgorithms = new() { ["h2"] = PersonalDataProtector.HmacSm3 },
        });
        var parties = await f.WithDbAsync(db => db.Parties.AsNoTracking().Where(p => p.IdNumberEncrypted != null).ToListAsync());
        Assert.All(parties, p => Assert.StartsWith("k2:sm4gcm:", p.IdNumberEncrypted));
        Assert.All(parties, p => Assert.StartsWith("k2:sm4gcm:", p.PhoneEncrypted));
        Assert.All(parties, p => Assert.Equal(sm4Only.HashIdNumber("500112198001011234"), p.IdNumberHash));
        Assert.All(parties, p => Assert.Equal("500112198001011234", sm4Only.Decrypt(p.IdNumberEncrypted!, p.Id, PersonalDataProtector.IdNumberField)));

        await using var moved = f.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(sm4Only)));
        using var client = moved.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Shared.Mint(Roles.Supervisor, [CasesFactory.Town]));
        var found = await client.GetFromJsonAsync<JsonElement>("/api/cases?idNumber=500112198001011234&purpose=核对重复来访");
        Assert.Equal(ids.Order(), found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Order());
        var unmasked = await Expect(client.GetAsync($"/api/cases/{ids[0]}/parties?purpose=核对身份信息"));
        Assert.Equal("500112198001011234", unmasked.EnumerateArray().First(p => p.GetProperty("name").GetString() == "张某").GetProperty("idNumber").GetString());
        var reprint = await client.GetStringAsync($"/api/cases/{ids[0]}/documents/application?format=html&purpose=核对身份信息");
        Assert.Contains("500112198001011234", reprint); // the issued version, unmasked with the SM4 key alone
        // new parties are sealed with SM4 from now on
        var created = await Expect(client.PostAsJsonAsync("/api/cases", RegistrationTests.Dispute()), HttpStatusCode.Created);
        var fresh = await f.WithDbAsync(db => db.Parties.AsNoTracking().FirstAsync(p => p.CaseId == created.GetProperty("id").GetGuid() && p.IdNumberEncrypted != null));
        Assert.StartsWith("k2:sm4gcm:", fresh.IdNumberEncrypted);
    }
}
