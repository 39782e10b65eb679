using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// Who handed a dispute in (三调对接 inbound): the intake record's id, the organisation and its agency. The agency's
/// own number is the case's <c>externalRef</c>; (organisation, externalRef) is unique.
/// </summary>
public sealed record IntakeOrigin(Guid IntakeId, Guid OrganizationId, Agency Agency, string? Note = null)
{
    /// <summary>The case's <c>source</c> for an agency's intake (api.md: police_transfer, court_entrusted, petition_transfer).</summary>
    public static CaseSource SourceOf(Agency agency) => agency switch
    {
        Agency.Police => CaseSource.PoliceTransfer,
        Agency.Court => CaseSource.CourtEntrusted,
        Agency.PetitionOffice => CaseSource.PetitionTransfer,
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, "Only police stations, courts and petition offices hand disputes in."),
    };

    /// <summary>The agency of an organisation kind that may hand disputes in, or null.</summary>
    public static Agency? AgencyOf(OrganizationKind kind) => kind switch
    {
        OrganizationKind.PoliceStation => Agency.Police,
        OrganizationKind.Court => Agency.Court,
        OrganizationKind.PetitionOffice => Agency.PetitionOffice,
        _ => null,
    };
}
