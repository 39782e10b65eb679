using MediationPlatform.Reporting.Features.Projections;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Reporting.Data.Configurations;

/// <summary>The small projection tables, each keyed by the id of what it describes (never generated here).</summary>
public static class ProjectionRowConfigurations
{
    public static ModelBuilder AddProjectionRows(this ModelBuilder model)
    {
        model.Entity<RegionNode>(e =>
        {
            e.HasKey(x => x.Code);
            e.Ignore(x => x.Path);
        });
        model.Entity<MediatorFact>(e => e.HasKey(x => x.MediatorId));
        model.Entity<ReferralFact>(e => e.HasKey(x => x.ReferralId));
        model.Entity<ReferralOutcomeFact>(e => e.HasKey(x => x.ReferralId));
        model.Entity<SessionFact>(e => e.HasKey(x => x.SessionId));
        model.Entity<RiskItemFact>(e => e.HasKey(x => x.ItemId));
        model.Entity<OverdueFact>(e =>
        {
            e.HasKey(x => new { x.CaseId, x.Deadline, x.DueAt, x.ReferralId });
            e.Property(x => x.Deadline).HasMaxLength(20);
            e.HasIndex(x => x.DueAt);
        });
        foreach (var type in new[] { typeof(MediatorFact), typeof(ReferralFact), typeof(ReferralOutcomeFact), typeof(SessionFact), typeof(RiskItemFact) })
            foreach (var key in model.Entity(type).Metadata.FindPrimaryKey()!.Properties) key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        return model;
    }
}
