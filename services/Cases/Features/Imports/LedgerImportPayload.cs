namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// The validated rows of a running import, as JSON encrypted with the personal-data key (they hold ID numbers and phones);
/// deleted when the job ends.
/// </summary>
public sealed class LedgerImportPayload
{
    public Guid ImportId { get; set; }
    public string RowsEncrypted { get; set; } = "";
}
