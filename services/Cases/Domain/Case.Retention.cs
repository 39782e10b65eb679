using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

// Personal data that does not outlive its purpose (个人信息保护法 Art. 19, 47; ADR 0024).
public sealed partial class Case
{
    /// <summary>
    /// How long after the case ended its parties' personal data is kept: the 卷宗's retention (ADR 0019) — the long
    /// period for a written agreement or a petition, the ordinary one otherwise.
    /// </summary>
    public int RetentionYears(int ordinaryYears, int longYears) =>
        Kind == CaseKind.Petition || AgreementType == Contracts.AgreementType.Written ? longYears : ordinaryYears;

    /// <summary>When the parties' personal data expires (null while the case is open).</summary>
    public DateTimeOffset? PersonalDataExpiresAt(int ordinaryYears, int longYears) =>
        IsOpen || EndedAt is not { } ended ? null : ended.AddYears(RetentionYears(ordinaryYears, longYears));

    /// <summary>
    /// 匿名化: the parties keep their role and kind but lose name, ID number, phone and address (the figures and the
    /// timeline's shape do not depend on them); a notice on the timeline (the case's version stays). False when there was
    /// nothing left to remove.
    /// </summary>
    public bool RemovePersonalData(CaseContext ctx)
    {
        var parties = PartiesInOrder.Where(p => p.AnonymisedAt is null).ToList();
        if (parties.Count == 0) return false;
        var n = 0;
        foreach (var p in PartiesInOrder)
        {
            n++;
            if (p.AnonymisedAt is not null) continue;
            p.Name = $"当事人{n}（已匿名）";
            p.IdNumberEncrypted = p.IdNumberHash = p.IdNumberMasked = null;
            p.PhoneEncrypted = p.PhoneHash = p.PhoneMasked = null;
            p.Address = null;
            p.AnonymisedAt = ctx.Now;
        }
        Notice(ctx, ctx.Now, "personal_data_removed", new { parties = parties.Count, endedAt = EndedAt });
        return true;
    }
}
