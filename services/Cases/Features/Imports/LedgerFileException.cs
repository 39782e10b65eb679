namespace MediationPlatform.Cases.Features.Imports;

/// <summary>The upload is not a ledger that can be read at all (not xlsx or UTF-8 csv, damaged, too large): answered 400 on <c>file</c>.</summary>
public sealed class LedgerFileException(string message) : Exception(message);
