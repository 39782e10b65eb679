using MediationPlatform.Contracts;
using MediationPlatform.Mediators.Domain;

namespace MediationPlatform.Mediators.Tests;

/// <summary>Each rung and tie-break of the assignment ladder (architecture.md), as a pure function.</summary>
public sealed class AssignmentPolicyTests
{
    private const string Village = "muer-v01", OtherVillage = "muer-v02", Town = "muer", District = "yubei";
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2021-05-01T00:00:00+08:00");

    private static MediatorCandidate M(string name, MediatorKind kind, string region, int active = 0, int max = 10,
        DisputeCategory[]? specialties = null, DateTimeOffset? lastAssigned = null, bool isActive = true) =>
        new(Id(name), kind, [region], specialties ?? [], max, active, lastAssigned, isActive);

    private static Guid Id(string name) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static CaseToAssign Case(RiskLevel risk = RiskLevel.Low, DisputeCategory category = DisputeCategory.Neighbourhood, Guid? registrar = null) =>
        new(Village, Town, District, category, risk, registrar);

    [Fact]
    public void A_dispute_registered_by_a_mediator_who_serves_its_village_stays_with_them()
    {
        var d = AssignmentPolicy.Choose(Case(registrar: Id("self")),
            [M("self", MediatorKind.Village, Village, active: 9), M("idle", MediatorKind.Village, Village)]);
        Assert.Equal((Id("self"), AssignmentPolicy.Registrar), (d.MediatorId, d.Rung));
    }

    [Fact]
    public void A_registrar_at_capacity_does_not_keep_it_the_ladder_chooses()
    {
        // was: the registrar rung ignored capacity, the workload update then refused and the message was retried until parked
        var d = AssignmentPolicy.Choose(Case(registrar: Id("self")),
            [M("self", MediatorKind.Village, Village, active: 10, max: 10), M("idle", MediatorKind.Village, Village)]);
        Assert.Equal((Id("idle"), AssignmentPolicy.VillageCommittee), (d.MediatorId, d.Rung));
    }

    [Fact]
    public void A_registrar_who_does_not_serve_the_village_does_not_keep_it()
    {
        var d = AssignmentPolicy.Choose(Case(registrar: Id("elsewhere")),
            [M("elsewhere", MediatorKind.Village, OtherVillage), M("local", MediatorKind.Village, Village)]);
        Assert.Equal(Id("local"), d.MediatorId);
    }

    [Fact]
    public void The_village_committee_comes_before_the_towns_full_time_mediators()
    {
        var d = AssignmentPolicy.Choose(Case(),
            [M("town", MediatorKind.FullTime, Town), M("village", MediatorKind.Village, Village, active: 5)]);
        Assert.Equal((Id("village"), AssignmentPolicy.VillageCommittee), (d.MediatorId, d.Rung));
    }

    [Fact]
    public void Without_a_village_mediator_the_towns_full_time_mediator_takes_it_then_the_districts()
    {
        Assert.Equal((Id("town"), AssignmentPolicy.TownFullTime), Pick(AssignmentPolicy.Choose(Case(),
            [M("other-village", MediatorKind.Village, OtherVillage), M("town", MediatorKind.FullTime, Town), M("district", MediatorKind.FullTime, District)])));
        Assert.Equal((Id("district"), AssignmentPolicy.DistrictFullTime), Pick(AssignmentPolicy.Choose(Case(),
            [M("district", MediatorKind.FullTime, District)])));
    }

    [Theory]
    [InlineData(RiskLevel.High)]
    [InlineData(RiskLevel.Critical)]
    public void High_and_critical_risk_go_to_full_time_mediators(RiskLevel risk)
    {
        var d = AssignmentPolicy.Choose(Case(risk),
            [M("village", MediatorKind.Village, Village), M("town", MediatorKind.FullTime, Town, active: 8)]);
        Assert.Equal(Id("town"), d.MediatorId);
        var registrar = AssignmentPolicy.Choose(Case(risk, registrar: Id("village")), [M("village", MediatorKind.Village, Village)]);
        Assert.Null(registrar.MediatorId);
    }

    [Fact]
    public void Specialists_in_the_category_are_preferred_within_a_rung()
    {
        var d = AssignmentPolicy.Choose(Case(category: DisputeCategory.LandForest),
            [M("generalist", MediatorKind.Village, Village), M("land", MediatorKind.Village, Village, active: 3, specialties: [DisputeCategory.LandForest])]);
        Assert.Equal(Id("land"), d.MediatorId);
    }

    [Fact]
    public void Those_at_capacity_or_inactive_are_skipped_even_falling_to_the_next_rung()
    {
        var d = AssignmentPolicy.Choose(Case(),
            [M("full", MediatorKind.Village, Village, active: 10, max: 10), M("off", MediatorKind.Village, Village, isActive: false),
             M("town", MediatorKind.FullTime, Town)]);
        Assert.Equal((Id("town"), AssignmentPolicy.TownFullTime), Pick(d));
    }

    [Fact]
    public void The_lowest_caseload_wins_then_the_longest_idle_then_never_assigned_first()
    {
        Assert.Equal(Id("light"), AssignmentPolicy.Choose(Case(),
            [M("busy", MediatorKind.Village, Village, active: 4), M("light", MediatorKind.Village, Village, active: 1)]).MediatorId);
        Assert.Equal(Id("idle"), AssignmentPolicy.Choose(Case(),
            [M("recent", MediatorKind.Village, Village, lastAssigned: T0.AddDays(5)), M("idle", MediatorKind.Village, Village, lastAssigned: T0)]).MediatorId);
        Assert.Equal(Id("never"), AssignmentPolicy.Choose(Case(),
            [M("recent", MediatorKind.Village, Village, lastAssigned: T0), M("never", MediatorKind.Village, Village)]).MediatorId);
    }

    [Fact]
    public void Nobody_qualifying_leaves_the_case_unassigned()
    {
        var d = AssignmentPolicy.Choose(Case(), [M("elsewhere", MediatorKind.Village, OtherVillage), M("lawyer", MediatorKind.Lawyer, Village)]);
        Assert.Equal((null, AssignmentPolicy.NoneQualifies), (d.MediatorId, d.Rung));
    }

    private static (Guid?, string) Pick(AssignmentDecision d) => (d.MediatorId, d.Rung);
}
