using System.ComponentModel.DataAnnotations;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Features.Intake;

/// <summary>
/// <c>POST /api/intake</c>: a dispute an agency hands in. <c>externalRef</c> is the agency's own number (警情编号, a
/// court's 案号 such as <c>(2021)渝0112民诉前调123号</c>, 信访件编号), 1–100 characters, compared as sent after trimming;
/// <c>regionCode</c> a village or town the organisation serves; <c>parties</c> as in <c>POST /api/cases</c> (ID numbers
/// sealed as usual, never in the record); <c>channel</c> defaults to online, <c>riskLevel</c> to medium; <c>note</c>
/// goes on the registration's timeline entry.
/// </summary>
[RequestExample("""
    {"externalRef":"J5001122026120500017","regionCode":"muer-v03","category":"neighbourhood",
    "title":"邻里噪音纠纷（110警情）","description":"夜间噪音引发争吵，民警现场劝解后移交调解",
    "parties":[{"role":"applicant","kind":"person","name":"赵某","phone":"13900000001"},{"role":"respondent","kind":"person","name":"钱某"}],
    "receivedAt":"2026-12-05T21:40:00+08:00","riskLevel":"medium","channel":"phone","note":"双方同意调解"}
    """)]
public sealed record IntakeRequest(
    [property: MaxLength(100)] string? ExternalRef, [property: MaxLength(40)] string? RegionCode, DisputeCategory? Category,
    [property: MaxLength(200)] string? Title, [property: MaxLength(4000)] string? Description,
    [property: MaxLength(PartyRules.MaxParties)] List<PartyInput>? Parties, DateTimeOffset? ReceivedAt, RiskLevel? RiskLevel,
    CaseChannel? Channel, [property: MaxLength(IntakeRequest.MaxNoteLength)] string? Note)
{
    public const int MaxNoteLength = 2000;

    /// <summary>The registration of the case it makes: an ordinary dispute whose source follows the agency.</summary>
    public RegisterCaseCommand ToRegistration(CaseSource source) =>
        new(CaseKind.Dispute, Title, Description, Category, null, RegionCode, source, Channel ?? CaseChannel.Online, ReceivedAt,
            RiskLevel ?? Contracts.RiskLevel.Medium, null, null, Parties, ExternalRef?.Trim());

    /// <summary>The intake's own fields; the rest is checked as a registration.</summary>
    public Validation Validate(DateTimeOffset now, CaseSource source)
    {
        var v = ToRegistration(source).Validate(now);
        // its length (≤ 100) is the registration's rule
        if (string.IsNullOrWhiteSpace(ExternalRef)) v.Add("externalRef", "'externalRef' (the agency's own number) is required.");
        v.MaxLength("note", Note, MaxNoteLength);
        return v;
    }
}
