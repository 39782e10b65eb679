using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>One entry of the access log: who read or searched which case's personal data, when and why.</summary>
public sealed record AccessLogResponse(Guid Id, string Kind, Guid? CaseId, IReadOnlyList<Guid> MatchedCaseIds, string UserId, string UserName,
    IReadOnlyList<string> Roles, string Purpose, DateTimeOffset At)
{
    public static AccessLogResponse From(AccessLogEntry e) =>
        new(e.Id, e.Kind, e.CaseId, e.MatchedCaseIds, e.UserId, e.UserName, e.Roles, e.Purpose, e.At);
}

/// <summary>What one <c>--reencrypt-pii</c> run did: parties re-encrypted, batches, and whether nothing is left.</summary>
public sealed record ReencryptionResult(int Reencrypted, int Batches, bool Finished, int Documents = 0);

/// <summary>A party with ID number and phone in clear — only from <c>GET /api/cases/{id}/parties</c>, and logged.</summary>
public sealed record UnmaskedParty(Guid Id, PartyRole Role, PartyKind Kind, string Name, string? IdNumber, string? Phone, string? Address);
