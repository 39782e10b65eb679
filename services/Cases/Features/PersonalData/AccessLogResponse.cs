namespace MediationPlatform.Cases.Features.PersonalData;

/// <summary>One entry of the access log: who read (or searched) which case's personal data, when and why.</summary>
public sealed record AccessLogResponse(Guid Id, Guid CaseId, string UserId, string UserName, IReadOnlyList<string> Roles, string Purpose, DateTimeOffset At);
