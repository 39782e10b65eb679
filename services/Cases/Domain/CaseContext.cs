namespace MediationPlatform.Cases.Domain;

/// <summary>Who changes a case (a user id, or <c>system:…</c>), the server's clock reading, and the legal clock.</summary>
public sealed record CaseContext(string Actor, DateTimeOffset Now, LegalClock Clock);
