namespace MediationPlatform.Cases.Features.Deadlines;

/// <summary>
/// A missed deadline already announced with CaseOverdue. The key (case, deadline, due date, referral) makes it once
/// per deadline and due date: an extended deadline that is missed again is announced again; each referral on its own.
/// </summary>
public sealed class OverdueNotice
{
    public Guid CaseId { get; set; }
    public string Deadline { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The referral that was not answered in time; <see cref="Guid.Empty"/> for the case's own deadlines.</summary>
    public Guid ReferralId { get; set; }

    public DateTimeOffset NotifiedAt { get; set; }
}
