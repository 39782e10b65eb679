using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Cases;

/// <summary>A link of the case to another (关联): the other case, its number, the relation and when it was made.</summary>
public sealed record LinkResponse(Guid CaseId, string Number, CaseRelation Relation, DateTimeOffset LinkedAt)
{
    public static LinkResponse From(CaseLink l) => new(l.LinkedCaseId, l.LinkedNumber, l.Relation, l.LinkedAt);
}
