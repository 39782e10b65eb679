using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>
/// One ledger row after validation, in the platform's terms — what an import job stores (encrypted) and turns into a
/// case (<see cref="LedgerCaseBuilder"/>). <c>Row</c> is the spreadsheet row; <c>Sequence</c> the 序号 as written.
/// </summary>
public sealed record LedgerRow(
    int Row,
    string Sequence,
    DateOnly RegisteredOn,
    string RegionCode,
    DisputeCategory Category,
    string Summary,
    IReadOnlyList<string> Applicants,
    string? ApplicantIdNumber,
    string? ApplicantPhone,
    IReadOnlyList<string> Respondents,
    int? People,
    decimal? Amount,
    string? MediatorName,
    Guid? MediatorId,
    LedgerResult? Result,
    AgreementType? Agreement,
    DateOnly? ClosedOn,
    string? Remarks,
    decimal? AmountAgreed = null,
    IReadOnlyList<Contracts.Prevention>? Prevented = null)
{
    /// <summary>The CST year of 登记日期: with the town and 序号, the key that makes a row import once.</summary>
    public int Year => RegisteredOn.Year;
}
