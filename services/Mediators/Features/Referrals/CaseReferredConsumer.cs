using MassTransit;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;
using MediationPlatform.Mediators.Data;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Webhooks;
using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Mediators.Features.Referrals;

/// <summary>Routes a referral to the active organisation of the requested agency that serves the case's region.</summary>
public sealed class CaseReferredConsumer(MediatorsDbContext db, TimeProvider clock) : InboxConsumer<CaseReferred, MediatorsDbContext>(db)
{
    public static OrganizationKind? KindFor(Agency agency) => agency switch
    {
        Agency.Police => OrganizationKind.PoliceStation,
        Agency.Court => OrganizationKind.Court,
        Agency.PetitionOffice => OrganizationKind.PetitionOffice,
        Agency.JudicialOffice => OrganizationKind.JudicialOffice,
        Agency.SafetyOffice => OrganizationKind.SafetyOffice,
        _ => null,
    };

    protected override async Task ApplyAsync(CaseReferred m, ConsumeContext<CaseReferred> context, CancellationToken ct)
    {
        if (await Db.Referrals.AnyAsync(r => r.Id == m.ReferralId, ct)) return;
        Organization? organization = null;
        if (KindFor(m.Agency) is { } kind)
        {
            var places = new RegionPath(m.RegionCode, m.TownCode, m.DistrictCode).Codes;
            // the most local organisation first: one serving the village, then the town, then the district
            var candidates = await Db.Organizations.AsNoTracking()
                .Where(o => o.Kind == kind && o.Active && o.ServesRegionCodes.Any(r => places.Contains(r))).ToListAsync(ct);
            organization = places.Select(p => candidates.Where(o => o.ServesRegionCodes.Contains(p)).OrderBy(o => o.Name).FirstOrDefault())
                .FirstOrDefault(o => o is not null);
        }
        var organizationId = organization?.Id;
        var now = clock.GetUtcNow();
        var referral = new Referral
        {
            Id = m.ReferralId, CaseId = m.CaseId, CaseNumber = m.Number, Title = m.Title, Kind = m.Kind, Category = m.Category,
            Agency = m.Agency, Reason = m.Reason, Whole = m.Whole, RegionCode = m.RegionCode, TownCode = m.TownCode,
            DistrictCode = m.DistrictCode, OrganizationId = organizationId, RespondBy = m.RespondBy,
            Status = ReferralStatus.Pending, ReferredAt = m.OccurredAt, LastOccurredAt = m.OccurredAt, CreatedAt = now, UpdatedAt = now,
        };
        Db.Referrals.Add(referral);
        // the case service learns where it went: that agency (and only that one) may read the case's parties there
        Db.AddOutboxMessage(new ReferralRouted(referral.Id, referral.CaseId, organizationId, m.OccurredAt, now), m.CaseId);
        if (organization is not null) WebhookOutbox.Enqueue(Db, organization, WebhookOutbox.Created, referral, m.OccurredAt);
    }
}
