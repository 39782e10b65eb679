using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Mediators.Features.Organizations;

public sealed record WebhookRequest([property: MaxLength(500)] string? Url, [property: MaxLength(200)] string? Secret);
