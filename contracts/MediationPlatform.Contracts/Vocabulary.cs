using System.Text.Json.Serialization;

namespace MediationPlatform.Contracts;

// The vocabulary of product.md. Every enum is written on the wire as snake_case (e.g. MarriageFamily = "marriage_family").

public enum CaseKind { Dispute, Petition }

public enum CaseStatus
{
    Registered, Assigned, Mediating, Resolved, Unresolved, Withdrawn, Transferred,
    Accepted, NotAccepted, Concluded, UnderReview, ReviewConcluded,
}

public enum DisputeCategory
{
    MarriageFamily, Neighbourhood, HousingHomestead, Contract, ProductionOperation, Damages, LandForest,
    LandAcquisition, Environment, Labour, Consumer, Medical, TrafficAccident, PropertyManagement, Other,
}

public enum PetitionType { Suggestion, Accusation, Claim }

public enum CaseSource { Application, Screening, PoliceTransfer, CourtEntrusted, PetitionTransfer, GovernmentAssigned }

public enum CaseChannel
{
    WalkIn, Letter, Phone, Fax, Online,

    /// <summary>The 12345 government service hotline. Written <c>hotline_12345</c> (the contract's spelling), not the policy's "hotline12345".</summary>
    [JsonStringEnumMemberName("hotline_12345")]
    Hotline12345,
}

public enum RiskLevel { Low, Medium, High, Critical }

public enum PartyRole { Applicant, Respondent, ThirdParty }

public enum PartyKind { Person, Organization }

public enum RegionKind { District, Town, Village, Community }

public enum OrganizationKind
{
    MediationCommittee, MediationRoom, GovernanceCentre, PoliceStation, Court, JudicialOffice, PetitionOffice,
    SafetyOffice, LawFirm,
}

public enum MediatorKind { FullTime, Village, Lawyer, Judge, Police, Volunteer }

public enum Agency { Police, Court, PetitionOffice, JudicialOffice, SafetyOffice, Other }

public enum ReferralStatus { Pending, Accepted, Declined, Completed }

public enum ReferralOutcome { Resolved, Unresolved, Handled }

public enum AgreementType { Written, Oral }

public enum Opinion { Support, Explain, NotSupport }

/// <summary>Role names as they appear in the token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Mediator = "mediator";
    public const string PetitionOfficer = "petition_officer";
    public const string PoliceLiaison = "police_liaison";
    public const string CourtLiaison = "court_liaison";

    /// <summary>A petition office's liaison (信访部门 handing disputes in, 访调): organisation kind <c>petition_office</c>.</summary>
    public const string PetitionLiaison = "petition_liaison";
    public const string Statistician = "statistician";

    /// <summary>
    /// Reads the security audit trail (三员分立: the 安全审计员 beside the system administrator); nothing else. Admins read it
    /// too but no one can change or delete it (ADR 0022).
    /// </summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All =
        [Admin, Supervisor, Mediator, PetitionOfficer, PoliceLiaison, CourtLiaison, PetitionLiaison, Statistician, Auditor];

    /// <summary>The liaison roles that may hand disputes in (POST /api/intake).</summary>
    public static readonly IReadOnlyList<string> IntakeLiaisons = [PoliceLiaison, CourtLiaison, PetitionLiaison];
}

/// <summary>Claim names of the access token (api.md, Identity).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Region = "region";
    public const string MediatorId = "mediator_id";
    public const string OrganizationId = "organization_id";
}

public enum AdvisedRoute { Litigation, Arbitration, Administrative, Other }

/// <summary>
/// What a resolved dispute prevented (the prevention columns of the 人民调解 statistics forms): 防止民间纠纷转化为刑事案件,
/// 防止群体性上访, 防止群体性械斗, 防止自杀.
/// </summary>
public enum PreventedKind { CriminalCase, GroupPetition, GroupFight, Suicide }

/// <summary>One prevention: its kind and how many persons it concerned.</summary>
public sealed record Prevention(PreventedKind Kind, int Persons);

public enum ReviewLevel { Review, SecondReview }

public enum JudicialConfirmationStatus { Applied, Confirmed, Rejected }

/// <summary>Where a handed-in dispute stands, as its agency sees it (api.md, Intake).</summary>
public enum IntakeStatus { Received, Assigned, Mediating, Resolved, Unresolved, Withdrawn, Returned }

/// <summary>
/// How a case is linked to another (<c>POST /api/cases/{id}/link</c>): <c>repeat_of</c> — the same matter brought again by
/// the same person (重复信访 / 重复申请); <c>related</c> — connected matters handled side by side.
/// </summary>
public enum CaseRelation { RepeatOf, Related }
