namespace MediationPlatform.Cases.Domain;

/// <summary>
/// What the "registered" timeline entry says besides the case itself: the possible duplicates found when it was
/// registered (api.md "Repeat matters") and, for a case imported from a paper ledger, where it came from (file, row, 序号,
/// the ledger's mediator); for a dispute an agency handed in, who did (<see cref="IntakeOrigin"/>). Never personal data.
/// </summary>
public sealed record RegistrationNotes(IReadOnlyList<PossibleDuplicate> PossibleDuplicates, object? Ledger = null, IntakeOrigin? Intake = null);
