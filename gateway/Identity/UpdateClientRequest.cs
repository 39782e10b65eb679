using System.ComponentModel.DataAnnotations;

namespace MediationPlatform.Gateway.Identity;

/// <summary><c>PATCH /api/clients/{clientId}</c>: disable (or enable) a system client, or give it a new secret.</summary>
public sealed record UpdateClientRequest(bool? Disabled, [property: MaxLength(256)] string? ClientSecret);
