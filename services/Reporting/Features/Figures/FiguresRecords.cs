using System.Globalization;
using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Projections;

namespace MediationPlatform.Reporting.Features.Figures;

public sealed record CategoryFigures(int Registered, int Resolved);

/// <summary>One stored counter (or a sum of them): a <see cref="Counter"/> of a region and its value.</summary>
public sealed record CounterRow(string RegionCode, Counter Counter, decimal Value);

public sealed record DisputeFigures(
    int Registered, int Resolved, int Unresolved, int Withdrawn, int Transferred, int InProgress, double? SuccessRate,
    decimal AmountInvolved, int PeopleInvolved, int EscalationPrevented,
    IReadOnlyDictionary<string, CategoryFigures> ByCategory, IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByChannel, IReadOnlyDictionary<string, RegionFigures> ByRegion,
    IReadOnlyDictionary<string, int> ByAgreementType, IReadOnlyDictionary<string, MonthFigures> ByMonth);

/// <summary>
/// Disputes one agency handed in (三调对接 inbound; api.md, Intake): received in the year; resolved, unresolved, withdrawn
/// and returned by the year each happened; still open of those received in the year; overdue — went past their running
/// deadline in the year (each case once).
/// </summary>
public sealed record IntakeFigures(int Received, int Resolved, int Unresolved, int Withdrawn, int Returned, int Open, int Overdue)
{
    /// <summary>The figure keys, in the contract's order.</summary>
    public static readonly IReadOnlyList<string> Agencies = ["police", "court", "petition_office"];

    public static readonly IntakeFigures None = new(0, 0, 0, 0, 0, 0, 0);
}

public sealed record MediatorFigures(int Active);

/// <summary>
/// The disputes of one CST month of the year (<c>disputes.byMonth</c>): received in that month, and resolved in that
/// month (whenever received) — the monthly split of <c>registered</c> and <c>resolved</c>.
/// </summary>
public sealed record MonthFigures(int Registered, int Resolved)
{
    /// <summary>The key of a month in <c>byMonth</c> and in its counters: "01" … "12".</summary>
    public static string Key(int month) => month.ToString("00", CultureInfo.InvariantCulture);
}

/// <summary>
/// Cases that went overdue in the year (a deadline passed without its step, by the CST date it passed): disputes
/// (the mediation month), petitions (acceptance, conclusion, review answer), and referrals an agency did not answer by
/// their <c>respondBy</c>. Each case (or referral) counts once a year however many of its deadlines it missed.
/// </summary>
public sealed record OverdueFigures(int Disputes, int Petitions, int Referrals)
{
    public static readonly OverdueFigures None = new(0, 0, 0);
}

public sealed record PetitionFigures(
    int Registered, int Accepted, int NotAccepted, int Transferred, int Concluded, int ConcludedOnTime, double? OnTimeRate,
    IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByOpinion, int ReviewsRequested,
    int Repeat);

public sealed record ReferralFigures(int Made, int Accepted, int Declined, int Completed);

/// <summary>A referral with what the agency did with it (the join of <see cref="ReferralFact"/> and <see cref="ReferralOutcomeFact"/>).</summary>
public sealed record ReferralRow(Agency Agency, DateTimeOffset MadeAt, DateTimeOffset? AcceptedAt, DateTimeOffset? DeclinedAt, DateTimeOffset? CompletedAt);

public sealed record RegionFigures(int Registered, int Resolved);

public sealed record RiskItemFigures(int Opened, int Closed);

public sealed record SessionFigures(int Scheduled, int Held);

public sealed record SummaryResponse(int Year, string? RegionCode, DateTimeOffset GeneratedAt, FigureSet Figures);
