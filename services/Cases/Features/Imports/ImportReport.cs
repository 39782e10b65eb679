namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// What a check of a ledger found (the dry run's answer, and the body of a refused real import): its data rows, how many
/// have no error, how many were already imported (they would be skipped), every error, and the rows that may repeat a
/// case already in the platform.
/// </summary>
public sealed record ImportReport(int Rows, int Valid, int Skipped, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportDuplicate> PossibleDuplicates);
