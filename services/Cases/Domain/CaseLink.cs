using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// A link from a case to another (关联): <c>repeat_of</c> — this case repeats the linked one's matter; <c>related</c>.
/// Recorded on the case it was made from; the linked case's timeline gets a notice. Changed only through its <see cref="Case"/>.
/// </summary>
public sealed class CaseLink
{
    private CaseLink() { }

    internal CaseLink(Guid id, Guid caseId, Guid linkedCaseId, string linkedNumber, CaseRelation relation, DateTimeOffset linkedAt, string linkedBy)
    {
        Id = id;
        CaseId = caseId;
        LinkedCaseId = linkedCaseId;
        LinkedNumber = linkedNumber;
        Relation = relation;
        LinkedAt = linkedAt;
        LinkedBy = linkedBy;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid LinkedCaseId { get; private set; }

    /// <summary>The linked case's readable number, as it was when linked (numbers never change).</summary>
    public string LinkedNumber { get; private set; } = "";

    public CaseRelation Relation { get; private set; }

    /// <summary>When the link was made (as entered).</summary>
    public DateTimeOffset LinkedAt { get; private set; }

    public string LinkedBy { get; private set; } = "";
}
