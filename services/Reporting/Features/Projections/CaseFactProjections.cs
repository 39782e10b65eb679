using MediationPlatform.Contracts.Events;
using MediationPlatform.Reporting.Data;

namespace MediationPlatform.Reporting.Features.Projections;

// One consumer per case event (its queue and its inbox name); what each does is CaseFactFold's.

public sealed class CaseRegisteredProjection(ReportingDbContext db) : CaseFactProjection<CaseRegistered>(db);

public sealed class CaseUpdatedProjection(ReportingDbContext db) : CaseFactProjection<CaseUpdated>(db);

public sealed class MediationStartedProjection(ReportingDbContext db) : CaseFactProjection<MediationStarted>(db);

public sealed class CaseResolvedProjection(ReportingDbContext db) : CaseFactProjection<CaseResolved>(db);

public sealed class CaseUnresolvedProjection(ReportingDbContext db) : CaseFactProjection<CaseUnresolved>(db);

public sealed class CaseWithdrawnProjection(ReportingDbContext db) : CaseFactProjection<CaseWithdrawn>(db);

public sealed class CaseTransferredProjection(ReportingDbContext db) : CaseFactProjection<CaseTransferred>(db);

public sealed class PetitionAcceptedProjection(ReportingDbContext db) : CaseFactProjection<PetitionAccepted>(db);

public sealed class PetitionNotAcceptedProjection(ReportingDbContext db) : CaseFactProjection<PetitionNotAccepted>(db);

public sealed class PetitionConcludedProjection(ReportingDbContext db) : CaseFactProjection<PetitionConcluded>(db);

public sealed class PetitionReviewRequestedProjection(ReportingDbContext db) : CaseFactProjection<PetitionReviewRequested>(db);

public sealed class PetitionReviewConcludedProjection(ReportingDbContext db) : CaseFactProjection<PetitionReviewConcluded>(db);

public sealed class CaseLinkedProjection(ReportingDbContext db) : CaseFactProjection<CaseLinked>(db);
