using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// A party (当事人). ID number and phone are stored only encrypted (<c>PersonalDataProtector</c>); the ID number is
/// findable through a keyed hash; the masks are what every response shows.
/// </summary>
public sealed class Party
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public PartyRole Role { get; set; }
    public PartyKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string? IdNumberEncrypted { get; set; }
    public string? IdNumberHash { get; set; }
    public string? IdNumberMasked { get; set; }
    public string? PhoneEncrypted { get; set; }
    public string? PhoneMasked { get; set; }

    /// <summary>The phone's keyed hash (digits only): with the name, how an applicant without an ID number is recognised again (repeat matters).</summary>
    public string? PhoneHash { get; set; }
    public string? Address { get; set; }

    /// <summary>When the retention job removed this party's personal data (null: still held).</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }
}
