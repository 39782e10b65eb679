namespace MediationPlatform.ServiceDefaults.Web;

/// <summary>
/// A header an endpoint sets on its success answers (the <c>ETag</c> to send back as <c>If-Match</c>), as endpoint
/// metadata: the OpenAPI documents declare it on every 2xx answer of the operation (<see cref="CommonAnswers"/>), so a
/// generated client and an integrator know it is there.
/// </summary>
public sealed record ResponseHeader(string Name, string Description);
