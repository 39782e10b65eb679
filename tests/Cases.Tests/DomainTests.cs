using MediationPlatform.Cases.Features.PersonalData;

namespace MediationPlatform.Cases.Tests;

public sealed class DomainTests
{
    private static PersonalDataProtector Protector(string keyId = "k1", Dictionary<string, string>? keys = null) => new(new PersonalDataSettings
    {
        CurrentKeyId = keyId,
        EncryptionKeys = keys ?? new() { ["k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()) },
        CurrentHashKeyId = "h1",
        HashKeys = new() { ["h1"] = Convert.ToBase64String(new byte[32]) },
    });

    [Fact]
    public void Personal_data_round_trips_encrypted_with_a_fresh_nonce_and_rotates_to_a_new_key()
    {
        var p = Protector();
        var party = Guid.NewGuid();
        var a = p.Encrypt("500112198001011234", party, PersonalDataProtector.IdNumberField);
        var b = p.Encrypt("500112198001011234", party, PersonalDataProtector.IdNumberField);
        Assert.NotEqual(a, b);
        Assert.StartsWith("k1:", a);
        Assert.Equal("500112198001011234", p.Decrypt(a, party, PersonalDataProtector.IdNumberField));

        var k2 = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var rotated = Protector("k2", new()
        {
            ["k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
            ["k2"] = k2,
        });
        Assert.Equal("500112198001011234", rotated.Decrypt(a, party, PersonalDataProtector.IdNumberField)); // old values still readable
        Assert.StartsWith("k2:", rotated.Encrypt("x", party, PersonalDataProtector.PhoneField));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_party_or_field_does_not_decrypt()
    {
        var p = Protector();
        var (zhang, li) = (Guid.NewGuid(), Guid.NewGuid());
        var stored = p.Encrypt("500112198001011234", zhang, PersonalDataProtector.IdNumberField);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => p.Decrypt(stored, li, PersonalDataProtector.IdNumberField));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => p.Decrypt(stored, zhang, PersonalDataProtector.PhoneField));
    }

    [Fact]
    public void The_hash_key_rotates_like_the_encryption_key_and_search_looks_under_every_key()
    {
        var oldKey = Convert.ToBase64String(new byte[32]);
        var newKey = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());
        var before = Protector();
        var during = new PersonalDataProtector(new PersonalDataSettings
        {
            CurrentKeyId = "k1", EncryptionKeys = new() { ["k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()) },
            CurrentHashKeyId = "h2", HashKeys = new() { ["h1"] = oldKey, ["h2"] = newKey },
        });
        var stored = before.HashIdNumber("500112198001011234");
        Assert.StartsWith("h1:", stored);
        Assert.StartsWith("h2:", during.HashIdNumber("500112198001011234"));
        Assert.Contains(stored, during.HashesOf("500112198001011234")); // found under the old key until --reencrypt-pii rehashed it
        Assert.False(during.IsCurrentHash(stored));
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
