using MediationPlatform.Cases.Features.PersonalData;

namespace MediationPlatform.Cases.Tests;

public sealed class DomainTests
{
    private static PersonalDataProtector Protector(string keyId = "k1", Dictionary<string, string>? keys = null) => new(new PersonalDataSettings
    {
        CurrentKeyId = keyId,
        EncryptionKeys = keys ?? new() { ["k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()) },
        HashKey = Convert.ToBase64String(new byte[32]),
    });

    [Fact]
    public void Personal_data_round_trips_encrypted_with_a_fresh_nonce_and_rotates_to_a_new_key()
    {
        var p = Protector();
        var a = p.Encrypt("500112198001011234");
        var b = p.Encrypt("500112198001011234");
        Assert.NotEqual(a, b);
        Assert.StartsWith("k1:", a);
        Assert.Equal("500112198001011234", p.Decrypt(a));

        var k2 = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var rotated = Protector("k2", new()
        {
            ["k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
            ["k2"] = k2,
        });
        Assert.Equal("500112198001011234", rotated.Decrypt(a)); // old values still readable
        Assert.StartsWith("k2:", rotated.Encrypt("x"));
    }

    [Fact]
    public void The_keyed_hash_finds_an_id_number_regardless_of_case_and_spaces_and_masks_hide_the_middle()
    {
        var p = Protector();
        Assert.Equal(p.HashIdNumber("50011219800101123x"), p.HashIdNumber(" 50011219800101123X "));
        Assert.NotEqual(p.HashIdNumber("500112198001011234"), p.HashIdNumber("500112198001011235"));
        Assert.Equal("500112********1234", PersonalDataProtector.MaskIdNumber("500112198001011234"));
        Assert.Equal("138****5678", PersonalDataProtector.MaskPhone("13812345678"));
    }
}
