namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>One entry of the access log: who read or searched which case's personal data, when and why.</summary>
public sealed record AccessLogResponse(Guid Id, string Kind, Guid? CaseId, IReadOnlyList<Guid> MatchedCaseIds, string UserId, string UserName,
    IReadOnlyList<string> Roles, string Purpose, DateTimeOffset At)
{
    public static AccessLogResponse From(AccessLogEntry e) =>
        new(e.Id, e.Kind, e.CaseId, e.MatchedCaseIds, e.UserId, e.UserName, e.Roles, e.Purpose, e.At);
}
