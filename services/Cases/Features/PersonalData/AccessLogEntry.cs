namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>
/// One access to personal data (个人信息保护法): an unmasked read of a case's parties (<c>unmask</c>), a search by ID
/// number (<c>search</c>, with the cases it matched), or an agency reading a referral's parties (<c>referral_parties</c>)
/// — who, when, which case(s), why.
/// </summary>
public sealed class AccessLogEntry
{
    public const string Unmask = "unmask";
    public const string Search = "search";
    public const string ReferralParties = "referral_parties";

    /// <summary>A document printed with ID numbers and phones unmasked (the purpose names the document kind).</summary>
    public const string Document = "document";

    public Guid Id { get; set; }
    public string Kind { get; set; } = Unmask;

    /// <summary>The case read (unmask, referral parties); null for a search.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>The cases a search matched (empty when it matched none — still logged: probing is what this log is for).</summary>
    public List<Guid> MatchedCaseIds { get; set; } = [];

    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string Purpose { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
