using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>A referral made from a case (移送/对接) and what the agency reported back. Changed only through its <see cref="Case"/>.</summary>
public sealed class CaseReferral
{
    private CaseReferral() { }

    internal CaseReferral(Guid id, Guid caseId, Agency agency, string reason, bool whole, DateTimeOffset madeAt, DateTimeOffset? respondBy, DateTimeOffset now)
    {
        Id = id;
        CaseId = caseId;
        Agency = agency;
        Reason = reason;
        Whole = whole;
        Status = ReferralStatus.Pending;
        MadeAt = madeAt;
        RespondBy = respondBy;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Agency Agency { get; private set; }
    public string Reason { get; private set; } = "";
    public bool Whole { get; private set; }
    public ReferralStatus Status { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public ReferralOutcome? Outcome { get; private set; }
    public string? Summary { get; private set; }

    /// <summary>When the referral was made (as entered).</summary>
    public DateTimeOffset MadeAt { get; private set; }

    /// <summary>By when the agency should answer, in working days (court 3, whole transfer 5); null where no rule sets one.</summary>
    public DateTimeOffset? RespondBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Pending past its <see cref="RespondBy"/>: the agency has not answered in time.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ReferralStatus.Pending && RespondBy is { } due && due < now;

    /// <summary>The organisation the mediator service routed it to (a later step names it too).</summary>
    internal void RouteTo(Guid? organizationId)
    {
        if (organizationId is not null) OrganizationId = organizationId;
    }

    /// <summary>
    /// Records an agency's step. The steps come from separate queues and may arrive in any order, so each sets its own
    /// fields and the status only moves forward (pending → accepted → completed; declined ends it): a completion that
    /// overtakes its acceptance is applied at once, and the late acceptance is history only.
    /// </summary>
    internal void Record(ReferralStatus status, Guid organizationId, DateTimeOffset now, ReferralOutcome? outcome = null, string? summary = null)
    {
        if (Rank(status) > Rank(Status)) Status = status;
        OrganizationId = organizationId;
        UpdatedAt = now;
        if (outcome is not null) Outcome = outcome;
        if (summary is not null) Summary = summary;
    }

    private static int Rank(ReferralStatus s) => s switch
    {
        ReferralStatus.Pending => 0,
        ReferralStatus.Accepted => 1,
        _ => 2, // completed, declined: an end
    };
}
