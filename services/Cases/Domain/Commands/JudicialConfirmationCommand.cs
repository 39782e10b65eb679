using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>司法确认: applied (within 30 days of the agreement), confirmed or rejected.</summary>
public sealed record JudicialConfirmationCommand(JudicialConfirmationStatus? Status, string? Court, string? Note, DateTimeOffset? OccurredAt);
