namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>One unmasked read or ID-number search of personal data: who, when, which case(s), why (个人信息保护法).</summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string Purpose { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
