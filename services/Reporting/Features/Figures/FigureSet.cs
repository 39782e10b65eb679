namespace MediationPlatform.Reporting.Features.Figures;

// The `figures` object of api.md (Reports). Names are fixed by the contract; more keys may be added.

public sealed record FigureSet(
    DisputeFigures Disputes, PetitionFigures Petitions, IReadOnlyDictionary<string, ReferralFigures> Referrals,
    SessionFigures Sessions, RiskItemFigures RiskItems, MediatorFigures Mediators, OverdueFigures Overdue,
    IReadOnlyDictionary<string, IntakeFigures>? Intake = null)
{
    /// <summary>The intake figures of every agency (zeros for a snapshot made before they existed). Not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, IntakeFigures> IntakeByAgency =>
        IntakeFigures.Agencies.ToDictionary(a => a, a => Intake?.GetValueOrDefault(a) ?? IntakeFigures.None);
}
