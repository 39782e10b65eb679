namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// A request header an endpoint reads (<c>Idempotency-Key</c>, <c>If-Match</c>), as endpoint metadata: the OpenAPI
/// documents declare it as an optional header parameter of the operation (<see cref="CommonAnswers"/>), so a generated
/// client offers it and an integrator sees its limit.
/// </summary>
public sealed record HeaderParameter(string Name, string Description, int MaxLength);
