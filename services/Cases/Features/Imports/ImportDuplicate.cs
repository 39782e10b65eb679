using MediationPlatform.Cases.Domain;
using MediationPlatform.Contracts;

namespace MediationPlatform.Cases.Features.Imports;

/// <summary>A ledger row that may repeat a case already in the platform (api.md "Repeat matters"): the row and that case.</summary>
public sealed record ImportDuplicate(int Row, Guid Id, string Number, CaseStatus Status, DateTimeOffset ReceivedAt, string Reason)
{
    public static ImportDuplicate Of(int row, PossibleDuplicate d) => new(row, d.Id, d.Number, d.Status, d.ReceivedAt, d.Reason);
}
