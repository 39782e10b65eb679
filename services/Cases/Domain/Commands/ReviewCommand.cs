using System.ComponentModel.DataAnnotations;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>The petitioner asks for a review (复查) or, after one, a second review (复核).</summary>
public sealed record ReviewCommand(ReviewLevel? Level, [property: MaxLength(2000)] string? Reason, DateTimeOffset? OccurredAt);
