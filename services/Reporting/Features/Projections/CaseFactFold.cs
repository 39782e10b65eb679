using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Reporting.Features.Projections;

/// <summary>
/// How each case event changes a case's fact row — one pure function, used by the live consumers and the rebuild
/// alike. Registration fields come from CaseRegistered whenever it arrives; each outcome event sets its own fields (so
/// the order of arrival does not matter); the status, category, risk and mediator only move forward: an event whose
/// version is not above the row's never overwrites them. Returns false for an event that is not about case facts.
/// </summary>
public static class CaseFactFold
{
    public static bool Apply(CaseFact f, object e)
    {
        switch (e)
        {
            case CaseRegistered m:
                if (!f.Registered)
                {
                    f.Registered = true;
                    f.Kind = m.Kind;
                    f.Category = m.Category;
                    f.PetitionType = m.PetitionType;
                    f.Source = m.Source;
                    f.Channel = m.Channel;
                    f.RegionCode = m.RegionCode;
                    f.TownCode = m.TownCode;
                    f.DistrictCode = m.DistrictCode;
                    f.ReceivedAt = m.ReceivedAt;
                    f.ReceivedYear = ChinaTime.YearOf(m.ReceivedAt);
                    if (f.PartyCountVersion < m.Version) // a later correction (CaseUpdated) may have come first
                    {
                        f.PartyCount = m.PartyCount;
                        f.PartyCountVersion = m.Version;
                    }
                    f.AmountInvolved = m.AmountInvolved;
                    f.IntakeAgency = m.IntakeAgency;
                    if (m.Version > f.Version)
                    {
                        f.Version = m.Version;
                        f.Status = CaseStatus.Registered;
                        f.RiskLevel = m.RiskLevel;
                    }
                }
                return true;
            case CaseUpdated m:
                // facts of a step, whatever the order the events arrive in: the 司法确认 steps and the first finding
                // that the agreement was performed (自动履行)
                if (m.JudicialConfirmation == JudicialConfirmationStatus.Applied) f.JudicialConfirmationAppliedAt ??= m.OccurredAt;
                if (m.JudicialConfirmation == JudicialConfirmationStatus.Confirmed) f.JudicialConfirmedAt ??= m.OccurredAt;
                if (m.Performed == true) f.PerformedAt ??= m.OccurredAt;
                if (m.PartyCount is { } corrected && m.Version > f.PartyCountVersion)
                {
                    f.PartyCount = corrected;
                    f.PartyCountVersion = m.Version;
                }
                if (m.Version <= f.Version) return true; // a late, older event
                f.Version = m.Version;
                f.Status = m.Status;
                f.Category = m.Category;
                f.RiskLevel = m.RiskLevel;
                f.AssignedMediatorId = m.AssignedMediatorId;
                return true;
            case MediationStarted m: return Step(f, m, CaseStatus.Mediating);
            case CaseResolved m:
                f.ResolvedAt = m.OccurredAt;
                f.AgreementType = m.AgreementType;
                f.AmountAgreed = m.AmountAgreed;
                f.EscalationPrevented = m.EscalationPrevented;
                if (m.Prevented is { } prevented)
                {
                    int? Persons(PreventedKind kind) => prevented.FirstOrDefault(p => p.Kind == kind)?.Persons;
                    f.PreventedCriminalCase = Persons(PreventedKind.CriminalCase);
                    f.PreventedGroupPetition = Persons(PreventedKind.GroupPetition);
                    f.PreventedGroupFight = Persons(PreventedKind.GroupFight);
                    f.PreventedSuicide = Persons(PreventedKind.Suicide);
                }
                return Step(f, m, CaseStatus.Resolved);
            case CaseUnresolved m:
                f.UnresolvedAt = m.OccurredAt;
                return Step(f, m, CaseStatus.Unresolved);
            case CaseWithdrawn m:
                f.WithdrawnAt = m.OccurredAt;
                return Step(f, m, CaseStatus.Withdrawn);
            case CaseTransferred m:
                f.TransferredAt = m.OccurredAt;
                return Step(f, m, CaseStatus.Transferred);
            case PetitionAccepted m:
                f.AcceptedAt = m.OccurredAt;
                return Step(f, m, CaseStatus.Accepted);
            case PetitionNotAccepted m:
                f.NotAcceptedAt = m.OccurredAt;
                return Step(f, m, CaseStatus.NotAccepted);
            case PetitionConcluded m:
                f.ConcludedAt = m.OccurredAt;
                f.ConcludedOnTime = m.OnTime;
                f.Opinion = m.Opinion;
                return Step(f, m, CaseStatus.Concluded);
            case PetitionReviewRequested m:
                if (m.Level == ReviewLevel.Review) f.ReviewRequestedAt = m.OccurredAt;
                else f.SecondReviewRequestedAt = m.OccurredAt;
                return Step(f, m, CaseStatus.UnderReview);
            case PetitionReviewConcluded m: return Step(f, m, CaseStatus.ReviewConcluded);
            case CaseLinked m:
                // a fact, not a step: the status does not move, so the version is left to the events that move it
                if (m.Relation == CaseRelation.RepeatOf) f.RepeatOf = true;
                return true;
            default: return false;
        }
    }

    /// <summary>The case this event changes the fact row of, or null for an event that is not about case facts.</summary>
    public static Guid? CaseOf(object e) => e is ICaseEvent c && e is not (CaseReferred or CaseOverdue or DeadlineExtended) ? c.CaseId : null;

    private static bool Step(CaseFact f, ICaseEvent e, CaseStatus status)
    {
        if (e.Version > f.Version)
        {
            f.Version = e.Version;
            f.Status = status;
        }
        return true;
    }
}
