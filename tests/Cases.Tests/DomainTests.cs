using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.PersonalData;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Tests;

public sealed class DomainTests
{
    [Theory]
    [InlineData("2021-03-10T09:00:00+08:00", "2021-04-10T23:59:59+08:00")]
    [InlineData("2021-01-31T10:00:00+08:00", "2021-02-28T23:59:59+08:00")] // month end clamps
    [InlineData("2021-12-31T16:30:00+00:00", "2022-02-01T23:59:59+08:00")] // 00:30 CST on 1 January: a 2022 case
    public void Mediation_is_due_one_calendar_month_after_registration_in_China_time(string received, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due), LegalClock.InitialDeadlines(CaseKind.Dispute, DateTimeOffset.Parse(received)).MediationDueAt);

    [Theory]
    [InlineData("2021-12-20T09:00:00+08:00", "2022-01-04T23:59:59+08:00")]
    [InlineData("2021-12-31T15:30:00+00:00", "2021-12-31T23:59:59+08:00", false)] // 23:30 CST on 31 Dec
    public void Petition_acceptance_is_due_15_calendar_days_after_registration(string received, string due, bool exact = true)
    {
        var actual = LegalClock.InitialDeadlines(CaseKind.Petition, DateTimeOffset.Parse(received)).AcceptanceDueAt!.Value;
        if (exact) Assert.Equal(DateTimeOffset.Parse(due), actual);
        else Assert.Equal(DateTimeOffset.Parse("2022-01-15T23:59:59+08:00"), actual);
    }

    [Fact]
    public void The_CST_year_decides_which_year_a_case_belongs_to()
    {
        Assert.Equal(2021, LegalClock.CstYear(DateTimeOffset.Parse("2021-12-31T15:30:00+00:00")));
        Assert.Equal(2022, LegalClock.CstYear(DateTimeOffset.Parse("2021-12-31T16:30:00+00:00")));
    }

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
