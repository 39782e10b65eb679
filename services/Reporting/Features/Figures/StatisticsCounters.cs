using MediationPlatform.Contracts;
using MediationPlatform.Kernel;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Web;

namespace MediationPlatform.Reporting.Features.Figures;

/// <summary>
/// The columns of the 人民调解 statistics form (api.md "Statistics"; ADR 0021) as monthly contributions of a dispute's
/// fact row: each counted in the CST month of the instant it is about — received (受理, 当事人数, the source columns),
/// resolved (调解成功, 协议涉及金额, 口头 / 书面, the prevention columns), unresolved (调解不成功), performed (自动履行),
/// applied for and confirmed (司法确认). Stored as <see cref="CaseMetric.Statistics"/> counters keyed
/// <c>MM|category|column</c>, so the rebuild and <c>--recount-figures</c> make them as they make every other figure.
/// </summary>
public static class StatisticsCounters
{
    public const string Registered = "registered";
    public const string Resolved = "resolved";
    public const string Unresolved = "unresolved";
    public const string AmountAgreed = "amount_agreed";
    public const string Oral = "oral";
    public const string Written = "written";
    public const string Performed = "performed";
    public const string JudicialConfirmationApplied = "judicial_confirmation_applied";
    public const string JudicialConfirmed = "judicial_confirmed";
    public const string Parties = "parties";
    public const string SourceScreening = "source_screening";
    public const string SourceApplication = "source_application";
    public const string SourceEntrusted = "source_entrusted";

    public static string PreventedCases(PreventedKind kind) => $"prevented_{SnakeEnum.Name(kind)}_cases";
    public static string PreventedPersons(PreventedKind kind) => $"prevented_{SnakeEnum.Name(kind)}_persons";

    public static string Key(int month, DisputeCategory category, string column) => $"{month:D2}|{SnakeEnum.Name(category)}|{column}";

    /// <summary>A dispute's contributions (petitions have none): the year and key of each column it counts in.</summary>
    public static IEnumerable<(int Year, string Key, decimal Value)> Of(CaseFact f)
    {
        if (!f.Registered || f.Kind != CaseKind.Dispute) yield break;
        (int Year, string Key, decimal Value) At(DateTimeOffset at, string column, decimal value = 1) =>
            (ChinaTime.YearOf(at), Key(ChinaTime.MonthOf(at), f.Category, column), value);

        yield return At(f.ReceivedAt, Registered);
        yield return At(f.ReceivedAt, Parties, f.PartyCount);
        yield return At(f.ReceivedAt, f.Source switch
        {
            CaseSource.Screening => SourceScreening,
            CaseSource.Application => SourceApplication,
            _ => SourceEntrusted, // 接受委托移送: police, court, petition office, government
        });
        if (f.ResolvedAt is { } resolved)
        {
            yield return At(resolved, Resolved);
            if (f.AmountAgreed is > 0) yield return At(resolved, AmountAgreed, f.AmountAgreed.Value);
            if (f.AgreementType is { } agreement) yield return At(resolved, agreement == AgreementType.Oral ? Oral : Written);
            foreach (var kind in Enum.GetValues<PreventedKind>())
                if (f.PreventedPersons(kind) is { } persons)
                {
                    yield return At(resolved, PreventedCases(kind));
                    yield return At(resolved, PreventedPersons(kind), persons);
                }
        }
        if (f.UnresolvedAt is { } unresolved) yield return At(unresolved, Unresolved);
        if (f.PerformedAt is { } performed && f.ResolvedAt is not null) yield return At(performed, Performed);
        if (f.JudicialConfirmationAppliedAt is { } applied) yield return At(applied, JudicialConfirmationApplied);
        if (f.JudicialConfirmedAt is { } confirmed) yield return At(confirmed, JudicialConfirmed);
    }
}
