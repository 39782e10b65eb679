using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

// Personal data that does not outlive its purpose (个人信息保护法 Art. 19, 47; ADR 0024).
public sealed partial class Case
{
    /// <summary>The 卷宗's ordinary retention (短期, ADR 0019): the default of <c>Retention:Years</c>.</summary>
    public const int OrdinaryRetentionYears = 10;

    /// <summary>The 卷宗's long retention (长期) for written agreements and petitions: the default of <c>Retention:LongYears</c>.</summary>
    public const int LongRetentionYears = 30;

    /// <summary>
    /// How long after a case ended its file, and its parties' personal data, is kept (ADR 0019, 0024): the long period
    /// for a written agreement or a petition, the ordinary one otherwise — the one rule the 卷宗 cover and the retention
    /// job both read.
    /// </summary>
    public static int RetentionYearsFor(CaseKind kind, AgreementType? agreement, int ordinaryYears = OrdinaryRetentionYears, int longYears = LongRetentionYears) =>
        kind == CaseKind.Petition || agreement == Contracts.AgreementType.Written ? longYears : ordinaryYears;

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
