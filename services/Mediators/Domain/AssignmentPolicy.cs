using MediationPlatform.Contracts;
using MediationPlatform.Kernel;

namespace MediationPlatform.Mediators.Domain;

/// <summary>The dispute to place, as the ladder sees it.</summary>
public sealed record CaseToAssign(
    string RegionCode,
    string? TownCode,
    string? DistrictCode,
    DisputeCategory Category,
    RiskLevel RiskLevel,
    Guid? RegisteredByMediatorId)
{
    public RegionPath Place => new(RegionCode, TownCode, DistrictCode);
}

/// <summary>A mediator as the ladder sees them: kind, places, specialties and room.</summary>
public sealed record MediatorCandidate(
    Guid Id,
    MediatorKind Kind,
    IReadOnlyCollection<string> RegionCodes,
    IReadOnlyCollection<DisputeCategory> Specialties,
    int MaxActiveCases,
    int ActiveCases,
    DateTimeOffset? LastAssignedAt,
    bool Active);

/// <param name="MediatorId">null when nobody qualifies: the case stays registered and shows as unassigned.</param>
/// <param name="Rung">which rule picked the mediator (or why nobody was).</param>
public sealed record AssignmentDecision(Guid? MediatorId, string Rung);

/// <summary>
/// The assignment ladder of architecture.md, as a pure function:
/// <list type="number">
/// <item>a dispute registered by a mediator who serves its village stays with them (unless high/critical risk and they
/// are not full-time, or they are at <c>maxActiveCases</c> — the automatic assignment never goes over capacity, and a
/// ledger import names a mediator for many cases at once);</item>
/// <item>otherwise, among active mediators, rung by rung: the village committee's mediators serving the village, then
/// the town's full-time mediators, then the district's full-time mediators (village → town → district);
/// high and critical risk skip the village rung (full-time only);</item>
/// <item>within a rung: skip those at <c>maxActiveCases</c>; prefer those whose specialties include the category;
/// then the lowest caseload; then the longest since their last assignment (never assigned first); then id.</item>
/// </list>
/// </summary>
public static class AssignmentPolicy
{
    public const string Registrar = "registering_mediator";
    public const string VillageCommittee = "village_committee";
    public const string TownFullTime = "town_full_time";
    public const string DistrictFullTime = "district_full_time";
    public const string NoneQualifies = "none_qualifies";

    public static AssignmentDecision Choose(CaseToAssign c, IReadOnlyCollection<MediatorCandidate> mediators)
    {
        var highRisk = c.RiskLevel is RiskLevel.High or RiskLevel.Critical;
        var active = mediators.Where(m => m.Active).ToList();

        if (c.RegisteredByMediatorId is { } registrar
            && active.FirstOrDefault(m => m.Id == registrar) is { } self
            && c.Place.IsWithinAny(self.RegionCodes)
            && Eligibility.HasRoom(self.ActiveCases, self.MaxActiveCases)
            && (!highRisk || self.Kind == MediatorKind.FullTime))
            return new AssignmentDecision(self.Id, Registrar);

        var rungs = new List<(string Name, Func<MediatorCandidate, bool> Qualifies)>();
        if (!highRisk)
            rungs.Add((VillageCommittee, m => m.Kind == MediatorKind.Village && m.RegionCodes.Contains(c.RegionCode)));
        rungs.Add((TownFullTime, m => m.Kind == MediatorKind.FullTime
            && (m.RegionCodes.Contains(c.RegionCode) || (c.TownCode is not null && m.RegionCodes.Contains(c.TownCode)))));
        rungs.Add((DistrictFullTime, m => m.Kind == MediatorKind.FullTime
            && c.DistrictCode is not null && m.RegionCodes.Contains(c.DistrictCode)));

        foreach (var (name, qualifies) in rungs)
        {
            var pool = active.Where(qualifies).Where(m => Eligibility.HasRoom(m.ActiveCases, m.MaxActiveCases)).ToList();
            if (pool.Count == 0) continue;
            var specialists = pool.Where(m => m.Specialties.Contains(c.Category)).ToList();
            if (specialists.Count > 0) pool = specialists;
            var chosen = pool
                .OrderBy(m => m.ActiveCases)
                .ThenBy(m => m.LastAssignedAt ?? DateTimeOffset.MinValue)
                .ThenBy(m => m.Id)
                .First();
            return new AssignmentDecision(chosen.Id, name);
        }
        return new AssignmentDecision(null, NoneQualifies);
    }
}
