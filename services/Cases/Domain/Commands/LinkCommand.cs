using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain.Commands;

/// <summary>关联: the case this one is linked to, and how (<c>repeat_of</c> | <c>related</c>).</summary>
public sealed record LinkCommand(Guid? CaseId, CaseRelation? Relation, DateTimeOffset? OccurredAt);
