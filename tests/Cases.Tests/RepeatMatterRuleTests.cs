using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Tests;

/// <summary>The repeat-matter rule (<see cref="RepeatMatterRule"/>) and the aggregate's link and repeat not-accept, without a database.</summary>
public sealed class RepeatMatterRuleTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2021-06-01T09:00:00+08:00");

    private static RepeatProbe Probe(string town = "t1", DisputeCategory category = DisputeCategory.Neighbourhood, CaseStatus status = CaseStatus.Registered,
        int daysLater = 0, CaseKind kind = CaseKind.Dispute, PetitionType? type = null, ApplicantKey? applicants = null) =>
        new(Guid.NewGuid(), "N", kind, category, type, town, status, T0.AddDays(daysLater), [applicants ?? Zhang]);

    private static readonly ApplicantKey Zhang = new("张某", "id-hash-1", "phone-hash-1");

    [Fact]
    public void The_same_applicant_by_ID_hash_in_the_same_town_and_category_matches()
    {
        Assert.Equal(RepeatMatterRule.SameIdNumber, RepeatMatterRule.Match(Probe(), Probe(applicants: new ApplicantKey("张三", "id-hash-1", null))));
    }

    [Fact]
    public void Two_different_ID_numbers_are_two_people_whatever_their_names_and_phones()
    {
        Assert.Null(RepeatMatterRule.Match(Probe(), Probe(applicants: new ApplicantKey("张某", "id-hash-2", "phone-hash-1"))));
    }

    [Fact]
    public void Without_an_ID_number_name_and_phone_match_and_a_name_alone_never_does()
    {
        var noId = new ApplicantKey("张某", null, "phone-hash-1");
        Assert.Equal(RepeatMatterRule.SameNameAndPhone, RepeatMatterRule.Match(Probe(applicants: noId), Probe()));
        Assert.Null(RepeatMatterRule.Match(Probe(applicants: noId), Probe(applicants: new ApplicantKey("李某", null, "phone-hash-1"))));
        Assert.Null(RepeatMatterRule.Match(Probe(applicants: new ApplicantKey("张某", null, null)), Probe(applicants: new ApplicantKey("张某", null, null))));
    }

    [Fact]
    public void Another_town_category_kind_or_petition_type_does_not_match()
    {
        Assert.Null(RepeatMatterRule.Match(Probe(), Probe(town: "t2")));
        Assert.Null(RepeatMatterRule.Match(Probe(town: null!), Probe(town: null!)));
        Assert.Null(RepeatMatterRule.Match(Probe(), Probe(category: DisputeCategory.Contract)));
        Assert.Null(RepeatMatterRule.Match(Probe(), Probe(kind: CaseKind.Petition, type: PetitionType.Claim)));
        Assert.NotNull(RepeatMatterRule.Match(Probe(kind: CaseKind.Petition, type: PetitionType.Claim), Probe(kind: CaseKind.Petition, type: PetitionType.Claim)));
        Assert.Null(RepeatMatterRule.Match(Probe(kind: CaseKind.Petition, type: PetitionType.Claim), Probe(kind: CaseKind.Petition, type: PetitionType.Suggestion)));
    }

    [Fact]
    public void An_ended_case_matches_within_180_days_an_open_one_however_old()
    {
        var newer = Probe(daysLater: 400);
        Assert.NotNull(RepeatMatterRule.Match(Probe(daysLater: 220), Probe(status: CaseStatus.Resolved, daysLater: 400 - 180 - 180)));
        Assert.NotNull(RepeatMatterRule.Match(newer, Probe(status: CaseStatus.Resolved, daysLater: 220)));
        Assert.Null(RepeatMatterRule.Match(newer, Probe(status: CaseStatus.Resolved, daysLater: 219)));
        Assert.NotNull(RepeatMatterRule.Match(newer, Probe(status: CaseStatus.Mediating, daysLater: 0)));
    }

    [Fact]
    public void At_most_ten_are_named_the_most_recently_received_first()
    {
        var newer = Probe(daysLater: 100);
        var candidates = Enumerable.Range(0, 15).Select(i => Probe(daysLater: i)).ToList();
        var found = RepeatMatterRule.Among(newer, candidates);
        Assert.Equal(RepeatMatterRule.MaxListed, found.Count);
        Assert.Equal(candidates.OrderByDescending(c => c.ReceivedAt).Take(10).Select(c => c.Id), found.Select(d => d.Id));
    }

    // the aggregate

    private static readonly RegionPath Village = new("v1", "t1", "d1");

    private static CaseContext Now => new("u1", DateTimeOffset.Parse("2022-03-01T09:00:00+08:00"), LegalClockTests.Clock);

    private static Case Register(CaseKind kind, string number)
    {
        var command = new RegisterCaseCommand(kind, "宅基地", null, DisputeCategory.HousingHomestead, kind == CaseKind.Petition ? PetitionType.Claim : null,
            Village.Code, CaseSource.Application, CaseChannel.Letter, DateTimeOffset.Parse("2021-07-01T09:00:00+08:00"), RiskLevel.Low, null, null,
            [new PartyInput(PartyRole.Applicant, null, "赵某", null, null, null)], null);
        var c = Case.Register(command, Village, number, [new Party { Id = Guid.NewGuid(), Role = PartyRole.Applicant, Name = "赵某" }], Now, null);
        c.ChangesSaved();
        return c;
    }

    private static Case ClosedMatter()
    {
        var c = Register(CaseKind.Petition, "T1-2021-P-00001");
        var at = DateTimeOffset.Parse("2021-07-02T09:00:00+08:00");
        c.Accept(new StepCommand(at), Now);
        c.Conclude(new ConcludeCommand(Opinion.NotSupport, "不支持", null, at.AddDays(10)), Now);
        c.RequestReview(new ReviewCommand(ReviewLevel.Review, "不服", at.AddDays(20)), Now);
        c.ConcludeReview(new ConcludeCommand(Opinion.Explain, "维持", null, at.AddDays(30)), Now);
        c.RequestReview(new ReviewCommand(ReviewLevel.SecondReview, "仍不服", at.AddDays(40)), Now);
        c.ConcludeReview(new ConcludeCommand(Opinion.Explain, "维持", null, at.AddDays(50)), Now);
        c.ChangesSaved();
        return c;
    }

    [Fact]
    public void A_link_is_a_change_of_the_case_and_a_notice_on_the_other_and_linking_again_changes_nothing()
    {
        var a = Register(CaseKind.Dispute, "T1-2021-D-00001");
        var b = Register(CaseKind.Dispute, "T1-2021-D-00002");
        Assert.True(a.Link(new LinkCommand(b.Id, CaseRelation.RepeatOf, null), b, Now));
        Assert.Equal(2, a.Version);
        var change = Assert.Single(a.PendingChanges);
        var linked = Assert.IsType<CaseLinked>(Assert.Single(change.Events));
        Assert.Equal((a.Id, b.Id, CaseRelation.RepeatOf, 2), (linked.CaseId, linked.LinkedCaseId, linked.Relation, linked.Version));
        Assert.Equal(("linked_from", 1), (Assert.Single(b.PendingChanges).Action, b.Version)); // a notice: b's version stays
        Assert.False(a.Link(new LinkCommand(b.Id, CaseRelation.RepeatOf, null), b, Now));
        Assert.Equal(2, a.Version);
    }

    [Fact]
    public void A_link_needs_a_visible_other_case_not_itself_and_repeat_of_needs_the_same_kind()
    {
        var a = Register(CaseKind.Dispute, "T1-2021-D-00001");
        var petition = Register(CaseKind.Petition, "T1-2021-P-00001");
        Assert.Equal(["caseId"], Assert.Throws<InvalidInputException>(() => a.Link(new LinkCommand(Guid.NewGuid(), CaseRelation.Related, null), null, Now)).Errors.Keys);
        Assert.Equal(["caseId"], Assert.Throws<InvalidInputException>(() => a.Link(new LinkCommand(a.Id, CaseRelation.Related, null), null, Now)).Errors.Keys);
        Assert.Equal(["relation"], Assert.Throws<InvalidInputException>(() => a.Link(new LinkCommand(petition.Id, CaseRelation.RepeatOf, null), petition, Now)).Errors.Keys);
        Assert.True(a.Link(new LinkCommand(petition.Id, CaseRelation.Related, null), petition, Now));
    }

    [Fact]
    public void A_petition_repeating_a_matter_closed_by_a_second_review_is_linked_and_not_accepted_in_one_step()
    {
        var closed = ClosedMatter();
        Assert.True(closed.MatterClosed);
        var again = Register(CaseKind.Petition, "T1-2021-P-00002");
        again.NotAccept(new NotAcceptCommand(null, closed.Id, null), closed, Now);
        Assert.Equal(CaseStatus.NotAccepted, again.Status);
        Assert.Contains("第三十六条", again.OutcomeReason);
        Assert.Equal(["linked", "not_accepted"], again.PendingChanges.Select(c => c.Action));
        Assert.Equal([typeof(CaseLinked), typeof(PetitionNotAccepted)], again.PendingChanges.SelectMany(c => c.Events).Select(e => e.GetType()));
        Assert.Equal((closed.Id, CaseRelation.RepeatOf), (Assert.Single(again.Links).LinkedCaseId, again.Links[0].Relation));
    }

    [Fact]
    public void A_matter_not_closed_is_not_a_reason_and_changes_nothing()
    {
        var open = Register(CaseKind.Petition, "T1-2021-P-00001");
        var again = Register(CaseKind.Petition, "T1-2021-P-00002");
        var refused = Assert.Throws<InvalidInputException>(() => again.NotAccept(new NotAcceptCommand(null, open.Id, null), open, Now));
        Assert.Equal(["repeatOf"], refused.Errors.Keys);
        Assert.Equal((CaseStatus.Registered, 1, 0), (again.Status, again.Version, again.Links.Count));
        Assert.Empty(again.PendingChanges);
        // without repeatOf a reason is still required
        Assert.Equal(["reason"], Assert.Throws<InvalidInputException>(() => again.NotAccept(new NotAcceptCommand(null, null, null), null, Now)).Errors.Keys);
    }
}
