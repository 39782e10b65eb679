using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Domain;

/// <summary>
/// A case that may be the same matter brought again (重复): its id, number, status and receipt, and why it matched —
/// <c>same_id_number</c> (the applicants' ID numbers' keyed hashes are equal) or <c>same_name_and_phone</c>.
/// </summary>
public sealed record PossibleDuplicate(Guid Id, string Number, CaseStatus Status, DateTimeOffset ReceivedAt, string Reason);
