using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>司法确认: applied (within 30 days of the agreement), confirmed or rejected.</summary>
public sealed record JudicialConfirmationCommand(JudicialConfirmationStatus? Status, [property: MaxLength(200)] string? Court,
    [property: MaxLength(2000)] string? Note, DateTimeOffset? OccurredAt);
