using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// The <see cref="Case"/> aggregate on its own — state machine, legal deadlines, action rules and the one "case changed"
/// path — in milliseconds, without a database or a web host.
/// </summary>
public sealed class CaseAggregateTests
{
    private static readonly RegionPath Village = new("v1", "t1", "d1");

    private static CaseContext At(string cst, string actor = "u1") => new(actor, DateTimeOffset.Parse(cst), LegalClockTests.Clock);

    private static Party Applicant(string name = "张某") => new() { Id = Guid.NewGuid(), Role = PartyRole.Applicant, Name = name };

    private static RegisterCaseCommand Registration(CaseKind kind, string receivedAt, PetitionType? type = null, int? partyCount = null) =>
        new(kind, "邻里纠纷", null, DisputeCategory.Neighbourhood, type, Village.Code, CaseSource.Application, CaseChannel.WalkIn,
            DateTimeOffset.Parse(receivedAt), RiskLevel.Low, partyCount, 1000m,
            [new PartyInput(PartyRole.Applicant, null, "张某", null, null, null)], null);

    private static Case Dispute(string receivedAt = "2021-03-03T09:00:00+08:00") =>
        Case.Register(Registration(CaseKind.Dispute, receivedAt), Village, "T1-2021-D-00001", [Applicant()], At(receivedAt), null);

    private static Case Petition(string receivedAt = "2021-07-01T09:00:00+08:00", PetitionType type = PetitionType.Claim) =>
        Case.Register(Registration(CaseKind.Petition, receivedAt, type), Village, "T1-2021-P-00001", [Applicant()], At(receivedAt), null);

    private static DateTimeOffset EndOf(string date) => DateTimeOffset.Parse(date + "T23:59:59+08:00");

    [Fact]
    public void Registration_is_version_1_with_its_deadline_one_entry_and_CaseRegistered()
    {
        var c = Dispute("2021-03-10T09:00:00+08:00");
        Assert.Equal(1, c.Version);
        Assert.Equal(CaseStatus.Registered, c.Status);
        Assert.Equal(EndOf("2021-04-12"), c.MediationDueAt); // Sat 10 Apr → Mon 12 Apr
        Assert.Equal(CaseDeadline.Mediation, c.DueKind);
        var change = Assert.Single(c.PendingChanges);
        Assert.Equal(("registered", 1), (change.Action, change.Version));
        var registered = Assert.IsType<CaseRegistered>(Assert.Single(change.Events));
        Assert.Equal((1, c.Number, 1), (registered.Version, registered.Number, registered.PartyCount));
    }

    [Fact]
    public void Every_change_grows_the_version_by_one_and_records_one_entry_whose_events_carry_that_version()
    {
        var c = Dispute();
        c.ChangesSaved();
        c.StartMediation(new StepCommand(DateTimeOffset.Parse("2021-03-04T10:00:00+08:00")), At("2021-03-05T10:00:00+08:00"));
        c.AddNote(new NoteCommand("双方同意下周再谈", null), At("2021-03-05T11:00:00+08:00"));
        Assert.Equal(3, c.Version);
        Assert.Equal(["mediation_started", "note"], c.PendingChanges.Select(x => x.Action));
        Assert.Equal([2, 3], c.PendingChanges.Select(x => x.Version));
        Assert.All(c.PendingChanges, x => Assert.All(x.Events, e => Assert.Equal(x.Version, ((ICaseEvent)e).Version)));
    }

    [Fact]
    public void A_wrong_transition_names_the_status_and_what_is_allowed_and_changes_nothing()
    {
        var c = Dispute();
        var ex = Assert.Throws<ActionNotAllowedException>(() => c.Resolve(
            new ResolveCommand(AgreementType.Written, "赔偿", null, null, null, null), At("2021-03-05T10:00:00+08:00")));
        Assert.Equal(CaseStatus.Registered, ex.Status);
        Assert.Equal([CaseAction.StartMediation, CaseAction.Withdraw, CaseAction.Refer, CaseAction.Note, CaseAction.Link], ex.Allowed);
        Assert.Equal((1, CaseStatus.Registered), (c.Version, c.Status));
    }

    [Fact]
    public void A_step_may_not_be_dated_in_the_future_or_before_the_previous_step()
    {
        var c = Dispute("2021-03-03T09:00:00+08:00");
        var before = Assert.Throws<InvalidInputException>(() =>
            c.StartMediation(new StepCommand(DateTimeOffset.Parse("2021-03-02T09:00:00+08:00")), At("2021-03-05T10:00:00+08:00")));
        Assert.Contains("occurredAt", before.Errors.Keys);
        var future = Assert.Throws<InvalidInputException>(() =>
            c.StartMediation(new StepCommand(DateTimeOffset.Parse("2021-03-09T09:00:00+08:00")), At("2021-03-05T10:00:00+08:00")));
        Assert.Contains("occurredAt", future.Errors.Keys);
        Assert.Equal(1, c.Version);
    }

    [Fact]
    public void A_resolved_dispute_has_30_days_for_judicial_confirmation_moved_past_the_new_year_holiday()
    {
        var c = Dispute("2021-11-20T09:00:00+08:00");
        c.StartMediation(new StepCommand(null), At("2021-11-22T10:00:00+08:00"));
        c.Resolve(new ResolveCommand(AgreementType.Written, "李某赔偿 500 元", 500m, null, true, null), At("2021-12-02T10:00:00+08:00"));
        Assert.Equal(EndOf("2022-01-04"), c.JudicialConfirmationDueAt); // 1 Jan 2022 is 元旦 (1–3 Jan off)
        Assert.Null(c.DueAt); // nothing is running any more
        var late = Assert.Throws<InvalidInputException>(() => c.RecordJudicialConfirmation(
            new JudicialConfirmationCommand(JudicialConfirmationStatus.Applied, "渝北区人民法院", null, DateTimeOffset.Parse("2022-01-05T09:00:00+08:00")),
            At("2022-01-06T10:00:00+08:00")));
        Assert.Contains("occurredAt", late.Errors.Keys);
        c.RecordJudicialConfirmation(new JudicialConfirmationCommand(JudicialConfirmationStatus.Applied, "渝北区人民法院", null,
            DateTimeOffset.Parse("2022-01-04T09:00:00+08:00")), At("2022-01-06T10:00:00+08:00"));
        Assert.Equal(JudicialConfirmationStatus.Applied, c.JudicialConfirmationStatus);
    }

    [Fact]
    public void The_mediation_month_can_be_extended_before_it_ends_but_not_after()
    {
        var c = Dispute("2021-03-03T09:00:00+08:00"); // due Sat 3 Apr → 清明 (3–5 Apr off) → Tue 6 Apr
        Assert.Equal(EndOf("2021-04-06"), c.MediationDueAt);
        c.StartMediation(new StepCommand(null), At("2021-03-04T10:00:00+08:00"));
        c.Extend(new ExtendCommand(10, "双方同意延期", null), At("2021-04-01T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-04-13"), c.MediationDueAt); // 3 Apr + 10 days = Tue 13 Apr
        var late = Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(10, "再延期", null), At("2021-04-14T10:00:00+08:00")));
        Assert.Contains("occurredAt", late.Errors.Keys);
        var extended = Assert.IsType<DeadlineExtended>(Assert.Single(c.PendingChanges.Last().Events));
        Assert.Equal(("mediation", 10, EndOf("2021-04-13")), (extended.Deadline, extended.Days, extended.NewDueAt));
    }

    [Fact]
    public void A_claim_runs_60_days_from_acceptance_extendable_once_by_at_most_30()
    {
        var c = Petition("2021-07-28T09:00:00+08:00");
        Assert.Equal(EndOf("2021-08-12"), c.AcceptanceDueAt);
        c.Accept(new StepCommand(null), At("2021-08-02T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-10-08"), c.ConclusionDueAt); // 60 days end on 1 Oct (国庆) → 8 Oct
        Assert.Equal(CaseDeadline.Conclusion, c.DueKind);
        Assert.Contains("days", Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(31, "需实地调查", null), At("2021-09-01T10:00:00+08:00"))).Errors.Keys);
        c.Extend(new ExtendCommand(30, "需实地调查", null), At("2021-09-01T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-11-01"), c.ConclusionDueAt); // 90 days end Sun 31 Oct → Mon 1 Nov
        Assert.Contains("days", Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(5, "再延", null), At("2021-09-02T10:00:00+08:00"))).Errors.Keys);
        c.Conclude(new ConcludeCommand(Opinion.Support, "支持", null, null), At("2021-11-02T10:00:00+08:00"));
        Assert.False(c.ConcludedOnTime);
    }

    [Theory]
    [InlineData(PetitionType.Suggestion)]
    [InlineData(PetitionType.Accusation)]
    public void From_1_May_2022_suggestions_and_accusations_have_no_60_day_conclusion_period(PetitionType type)
    {
        var c = Petition("2022-05-16T09:00:00+08:00", type);
        Assert.Same(PetitionRegulation.Of2022, c.Regulation);
        c.Accept(new StepCommand(null), At("2022-05-20T10:00:00+08:00"));
        Assert.Null(c.ConclusionDueAt);
        Assert.Null(c.DueAt);
        Assert.False(c.IsOverdue(DateTimeOffset.Parse("2023-01-01T10:00:00+08:00")));
        var refused = Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(10, "x", null), At("2022-05-21T10:00:00+08:00")));
        Assert.Contains("《信访工作条例》第三十四条", refused.Errors["days"][0]);
        c.Conclude(new ConcludeCommand(Opinion.Explain, "解释说明", null, null), At("2023-03-01T10:00:00+08:00"));
        Assert.True(c.ConcludedOnTime);
    }

    /// <summary>
    /// 信访条例 (2005) Art. 33, in force until 30 April 2022: every matter — suggestion, accusation or claim — is concluded
    /// within 60 days of acceptance, extendable once by at most 30 days. The suggestion received on 16 September
    /// 2021 (acceptance due 8 October after 国庆), accepted 22 September: due Sun 21 Nov → Mon 22 Nov, 30 more days from the
    /// nominal last day → Tue 21 Dec.
    /// </summary>
    [Theory]
    [InlineData(PetitionType.Suggestion)]
    [InlineData(PetitionType.Accusation)]
    [InlineData(PetitionType.Claim)]
    public void Before_1_May_2022_every_petition_has_the_60_days_and_one_extension_of_the_2005_regulation(PetitionType type)
    {
        var c = Petition("2021-09-16T09:00:00+08:00", type);
        Assert.Same(PetitionRegulation.Of2005, c.Regulation);
        Assert.Equal(EndOf("2021-10-08"), c.AcceptanceDueAt);
        c.Accept(new StepCommand(null), At("2021-09-22T10:00:00+08:00"));
        Assert.Equal((CaseDeadline.Conclusion, EndOf("2021-11-22")), (c.DueKind, c.DueAt!.Value));
        Assert.Equal("《信访条例》（2005年）第三十三条", c.CurrentDeadlineBasis());
        var accepted = Details(c.PendingChanges[^1]);
        Assert.Equal("《信访条例》（2005年）第三十三条", accepted.GetProperty("basis").GetString());
        Assert.True(c.IsOverdue(DateTimeOffset.Parse("2021-11-23T00:00:00+08:00")), "a 2021 matter not concluded by 22 Nov is overdue");
        Assert.False(c.IsOverdue(DateTimeOffset.Parse("2021-11-22T23:00:00+08:00")));

        var late = Petition("2021-09-16T09:00:00+08:00", type);
        late.Accept(new StepCommand(null), At("2021-09-22T10:00:00+08:00"));
        late.Conclude(new ConcludeCommand(Opinion.Explain, "解释说明", null, null), At("2021-11-23T10:00:00+08:00"));
        Assert.False(late.ConcludedOnTime); // 75 days after acceptance is late under the 2005 text, whatever the type

        Assert.Contains("days", Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(31, "需实地调查", null), At("2021-11-01T10:00:00+08:00"))).Errors.Keys);
        c.Extend(new ExtendCommand(30, "需实地调查", null), At("2021-11-01T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-12-21"), c.ConclusionDueAt);
        Assert.Equal("《信访条例》（2005年）第三十三条", Details(c.PendingChanges[^1]).GetProperty("basis").GetString());
        Assert.Contains("days", Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(5, "再延", null), At("2021-11-02T10:00:00+08:00"))).Errors.Keys);
        c.Conclude(new ConcludeCommand(Opinion.Explain, "解释说明", null, DateTimeOffset.Parse("2021-12-10T10:00:00+08:00")), At("2021-12-10T10:00:00+08:00"));
        Assert.True(c.ConcludedOnTime);
        Assert.Equal("《信访条例》（2005年）第三十二条", Details(c.PendingChanges[^1]).GetProperty("basis").GetString());
        c.RequestReview(new ReviewCommand(ReviewLevel.Review, "不服", null), At("2021-12-20T10:00:00+08:00"));
        Assert.Equal("《信访条例》（2005年）第三十四条", Details(c.PendingChanges[^1]).GetProperty("basis").GetString());
    }

    [Theory]
    [InlineData("2021-09-16T09:00:00+08:00", true)]
    [InlineData("2022-04-30T23:30:00+08:00", true)]  // the last half hour of the 2005 regulation, in CST
    [InlineData("2022-04-30T16:30:00+00:00", false)] // 00:30 CST on 1 May 2022: still 30 April in UTC, already the new text
    [InlineData("2022-05-02T09:00:00+08:00", false)]
    public void The_regulation_is_the_one_in_force_on_the_CST_day_the_matter_was_received(string receivedAt, bool old)
    {
        var c = Petition(receivedAt, PetitionType.Suggestion);
        Assert.Equal(old ? PetitionRegulation.Of2005 : PetitionRegulation.Of2022, c.Regulation);
        Assert.Equal(old, c.HasConclusionPeriod);
        // accepted on or after 1 May 2022 changes nothing: the date that matters is receipt (ADR 0012)
        c.Accept(new StepCommand(DateTimeOffset.Parse("2022-05-06T10:00:00+08:00")), At("2022-05-06T10:00:00+08:00"));
        Assert.Equal(old, c.ConclusionDueAt is not null);
    }

    [Theory]
    [InlineData("2021-12-31T10:00:00+08:00", "第一百九十四条")]
    [InlineData("2022-01-01T10:00:00+08:00", "第二百零一条")]
    [InlineData("2023-12-31T23:30:00+08:00", "第二百零一条")]
    [InlineData("2023-12-31T16:30:00+00:00", "第二百零五条")] // 00:30 CST on 1 January 2024
    [InlineData("2026-03-01T10:00:00+08:00", "第二百零五条")]
    public void A_resolution_cites_the_civil_procedure_article_on_judicial_confirmation_in_force_on_its_date(string agreedAt, string article)
    {
        var c = Dispute(DateTimeOffset.Parse(agreedAt).AddDays(-3).ToString("O"));
        c.StartMediation(new StepCommand(DateTimeOffset.Parse(agreedAt).AddDays(-1)), At(agreedAt));
        c.Resolve(new ResolveCommand(AgreementType.Written, "赔偿 2000 元", 2000m, null, null, DateTimeOffset.Parse(agreedAt)), At(agreedAt));
        var basis = Details(c.PendingChanges[^1]).GetProperty("judicialConfirmationBasis").GetString();
        Assert.True(basis!.Contains("《中华人民共和国人民调解法》第三十三条") && basis.EndsWith(article, StringComparison.Ordinal), basis);
    }

    private static System.Text.Json.JsonElement Details(CaseChange change) => System.Text.Json.JsonSerializer.SerializeToElement(change.Details);

    [Fact]
    public void The_review_window_runs_from_the_delivery_of_the_reply_and_a_third_review_is_not_allowed()
    {
        var c = Petition("2021-06-01T09:00:00+08:00");
        c.Accept(new StepCommand(null), At("2021-06-02T10:00:00+08:00"));
        c.Conclude(new ConcludeCommand(Opinion.NotSupport, "不予支持", DateTimeOffset.Parse("2021-09-01T10:00:00+08:00"),
            DateTimeOffset.Parse("2021-07-20T10:00:00+08:00")), At("2021-09-02T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-10-08"), c.ReviewDueAt); // delivered 1 Sep + 30 = 1 Oct (国庆) → 8 Oct, not 19 Aug
        c.RequestReview(new ReviewCommand(ReviewLevel.Review, "不服", DateTimeOffset.Parse("2021-10-08T09:00:00+08:00")), At("2021-10-08T10:00:00+08:00"));
        Assert.Equal((CaseDeadline.Review, EndOf("2021-11-08")), (c.DueKind, c.DueAt!.Value)); // answer within 30 days: Sun 7 Nov → Mon 8 Nov
        c.ConcludeReview(new ConcludeCommand(Opinion.Explain, "维持", null, null), At("2021-10-20T10:00:00+08:00"));
        Assert.Contains("level", Assert.Throws<InvalidInputException>(() =>
            c.RequestReview(new ReviewCommand(ReviewLevel.Review, "再查", null), At("2021-10-21T10:00:00+08:00"))).Errors.Keys);
        c.RequestReview(new ReviewCommand(ReviewLevel.SecondReview, "申请复核", null), At("2021-10-21T10:00:00+08:00"));
        c.ConcludeReview(new ConcludeCommand(Opinion.Explain, "维持", null, null), At("2021-10-25T10:00:00+08:00"));
        var third = Assert.Throws<ActionNotAllowedException>(() =>
            c.RequestReview(new ReviewCommand(ReviewLevel.SecondReview, "再复核", null), At("2021-10-26T10:00:00+08:00")));
        Assert.DoesNotContain(CaseAction.Review, third.Allowed);
        Assert.Contains("复核", third.Reason);
    }

    [Fact]
    public void A_whole_referral_transfers_the_case_with_a_respond_by_in_working_days_and_two_events()
    {
        var c = Dispute("2021-09-28T09:00:00+08:00");
        var referral = c.Refer(new ReferCommand(Agency.Court, "诉调对接", true, DateTimeOffset.Parse("2021-09-30T10:00:00+08:00")),
            At("2021-09-30T11:00:00+08:00"));
        Assert.Equal(CaseStatus.Transferred, c.Status);
        Assert.Equal(EndOf("2021-10-11"), referral.RespondBy); // 3 working days: 8 Oct, Sat 9 Oct (调休), 11 Oct
        var events = c.PendingChanges.Last().Events;
        Assert.IsType<CaseReferred>(events[0]);
        Assert.IsType<CaseTransferred>(events[1]);
        Assert.True(referral.IsOverdue(DateTimeOffset.Parse("2021-10-12T00:00:00+08:00")));
        Assert.True(c.NoticeReferralOverdue(referral.Id, At("2021-10-12T00:00:00+08:00")));
    }

    [Fact]
    public void A_ledger_referral_whose_window_closed_before_it_was_entered_is_history_but_one_still_open_is_watched()
    {
        // entered in November about a transfer of 30 September: the court's 3 working days ended on 11 October
        var old = Dispute("2021-09-28T09:00:00+08:00");
        var history = old.Refer(new ReferCommand(Agency.Court, "移交（台账导入）", true, DateTimeOffset.Parse("2021-09-30T10:00:00+08:00")),
            At("2021-11-20T11:00:00+08:00"), fromLedger: true);
        Assert.Null(history.RespondBy);
        Assert.False(old.NoticeReferralOverdue(history.Id, At("2021-11-21T00:00:00+08:00")));
        Assert.Null(((CaseReferred)old.PendingChanges.Last().Events[0]).RespondBy);

        // entered the next day: the window is still open, so it is watched like any referral
        var recent = Dispute("2021-09-28T09:00:00+08:00");
        var live = recent.Refer(new ReferCommand(Agency.Court, "移交（台账导入）", true, DateTimeOffset.Parse("2021-09-30T10:00:00+08:00")),
            At("2021-10-01T11:00:00+08:00"), fromLedger: true);
        Assert.Equal(EndOf("2021-10-11"), live.RespondBy);
        // the same late entry through the API (not from the ledger) is watched: it may be a live referral entered late
        var typed = Dispute("2021-09-28T09:00:00+08:00");
        Assert.Equal(EndOf("2021-10-11"), typed.Refer(new ReferCommand(Agency.Court, "诉调对接", true, DateTimeOffset.Parse("2021-09-30T10:00:00+08:00")),
            At("2021-11-20T11:00:00+08:00")).RespondBy);
    }

    [Fact]
    public void A_correction_of_the_parties_moves_the_people_involved_and_keeps_an_applicant()
    {
        var c = Dispute();
        c.ChangesSaved();
        var missingApplicant = Assert.Throws<InvalidInputException>(() => c.Correct(
            new CorrectCaseCommand(null, null, null, null, null, [new PartyInput(PartyRole.Respondent, null, "李某", null, null, null)]),
            [new Party { Id = Guid.NewGuid(), Role = PartyRole.Respondent, Name = "李某" }], At("2021-03-05T10:00:00+08:00")));
        Assert.Contains("parties", missingApplicant.Errors.Keys);
        var parties = new[] { Applicant(), Applicant("王某"), new Party { Id = Guid.NewGuid(), Role = PartyRole.Respondent, Name = "李某" } };
        Assert.True(c.Correct(new CorrectCaseCommand(null, null, null, null, null,
            parties.Select(p => new PartyInput(p.Role, null, p.Name, null, null, null)).ToList()), parties, At("2021-03-05T10:00:00+08:00")));
        Assert.Equal(3, c.PartyCount);
        var updated = Assert.IsType<CaseUpdated>(Assert.Single(Assert.Single(c.PendingChanges).Events));
        Assert.Equal(("edited", 3), (updated.Change, updated.PartyCount));
        // declaring fewer people than the parties listed is recorded, but the people counted stay the parties listed
        c.ChangesSaved();
        Assert.True(c.Correct(new CorrectCaseCommand(null, null, null, null, 2, null), null, At("2021-03-05T11:00:00+08:00")));
        Assert.Equal(3, c.PartyCount);
        Assert.Null(Assert.IsType<CaseUpdated>(Assert.Single(Assert.Single(c.PendingChanges).Events)).PartyCount);
    }

    [Fact]
    public void Messages_from_other_services_go_through_the_same_change_path()
    {
        var c = Dispute();
        var now = DateTimeOffset.Parse("2021-03-04T10:00:00+08:00");
        var first = Guid.NewGuid();
        c.AssignMediator(new MediatorAssigned(c.Id, Guid.NewGuid(), first, null, true, "village_committee", c.ReceivedAt, now),
            At("2021-03-04T10:00:01+08:00", "system:assignment"));
        Assert.Equal((CaseStatus.Assigned, 2, first), (c.Status, c.Version, c.AssignedMediatorId!.Value));
        // an older assignment arriving late is history: on the timeline, but the newer one stays current
        c.AssignMediator(new MediatorAssigned(c.Id, Guid.NewGuid(), Guid.NewGuid(), null, true, null, c.ReceivedAt, now.AddMinutes(-5)),
            At("2021-03-04T10:00:02+08:00", "system:assignment"));
        Assert.Equal((3, first), (c.Version, c.AssignedMediatorId!.Value));
        var referral = c.Refer(new ReferCommand(Agency.Police, "可能激化", false, null), At("2021-03-05T10:00:00+08:00"));
        // a completion that overtakes its acceptance (separate queues) is applied; the late acceptance does not move it back
        c.RecordReferralCompleted(new ReferralCompleted(referral.Id, c.Id, Guid.NewGuid(), "police-1", now.AddDays(2), now.AddDays(2),
            ReferralOutcome.Handled, "已处理"), At("2021-03-06T10:00:00+08:00", "police-1"));
        c.RecordReferralAccepted(new ReferralAccepted(referral.Id, c.Id, Guid.NewGuid(), "police-1", now.AddDays(1), now.AddDays(1)), At("2021-03-06T10:00:00+08:00", "police-1"));
        Assert.Equal((ReferralStatus.Completed, ReferralOutcome.Handled), (c.Referrals.Single().Status, c.Referrals.Single().Outcome!.Value));
        Assert.Equal(["registered", "assigned", "assigned", "referred", "referral_completed", "referral_accepted"], c.PendingChanges.Select(x => x.Action));
    }

    [Fact]
    public void An_overdue_notice_does_not_change_the_version()
    {
        var c = Dispute("2021-03-03T09:00:00+08:00");
        Assert.Null(c.NoticeOverdue(At("2021-04-06T23:00:00+08:00"))); // not yet
        var deadline = c.NoticeOverdue(At("2021-04-07T00:00:01+08:00"));
        Assert.Equal(new CaseDeadline(CaseDeadline.Mediation, EndOf("2021-04-06")), deadline);
        Assert.Equal(1, c.Version);
        var overdue = Assert.IsType<CaseOverdue>(Assert.Single(c.PendingChanges.Last().Events));
        Assert.Equal(("mediation", "v1", "t1", CaseKind.Dispute), (overdue.Deadline, overdue.RegionCode, overdue.TownCode, overdue.Kind!.Value));
    }

    [Fact]
    public void Resolve_records_what_was_prevented_by_kind_and_persons_and_the_old_boolean_means_a_criminal_case_with_the_parties()
    {
        var c = Dispute("2021-11-20T09:00:00+08:00");
        c.StartMediation(new StepCommand(null), At("2021-11-22T10:00:00+08:00"));
        var bad = Assert.Throws<InvalidInputException>(() => c.Resolve(new ResolveCommand(AgreementType.Written, "协议", null, null, false, null,
            Prevented: [new PreventionInput(PreventedKind.CriminalCase, 0), new PreventionInput(null, 3), new PreventionInput(PreventedKind.CriminalCase, 2)]),
            At("2021-12-02T10:00:00+08:00")));
        Assert.Equal(["escalationPrevented", "prevented[0].persons", "prevented[1].kind", "prevented[2].kind"], bad.Errors.Keys.Order().ToArray());
        Assert.Equal(CaseStatus.Mediating, c.Status);

        c.Resolve(new ResolveCommand(AgreementType.Written, "协议", 800m, null, null, null,
            Prevented: [new PreventionInput(PreventedKind.GroupPetition, 12), new PreventionInput(PreventedKind.CriminalCase, 3)]), At("2021-12-02T10:00:00+08:00"));
        Assert.True(c.EscalationPrevented); // a prevented criminal case is what the boolean always meant
        Assert.Equal([new Prevention(PreventedKind.GroupPetition, 12), new Prevention(PreventedKind.CriminalCase, 3)], c.Prevented);
        var resolved = Assert.IsType<CaseResolved>(Assert.Single(c.PendingChanges[^1].Events));
        Assert.Equal(c.Prevented, resolved.Prevented);

        var old = Dispute("2021-11-20T09:00:00+08:00");
        old.StartMediation(new StepCommand(null), At("2021-11-22T10:00:00+08:00"));
        old.Resolve(new ResolveCommand(AgreementType.Oral, "口头协议", null, null, true, null), At("2021-12-02T10:00:00+08:00"));
        Assert.Equal([new Prevention(PreventedKind.CriminalCase, old.PartyCount)], old.Prevented);
    }

    [Fact]
    public void A_follow_up_finds_terms_of_the_agreement_performed_and_tells_the_statistics_the_first_time()
    {
        var c = Dispute("2021-11-20T09:00:00+08:00");
        c.StartMediation(new StepCommand(null), At("2021-11-22T10:00:00+08:00"));
        var bad = Assert.Throws<InvalidInputException>(() => c.Resolve(new ResolveCommand(AgreementType.Written, "协议", 800m, null, null, null,
            Obligations: [new ObligationInput(5, "支付", 800m, null), new ObligationInput(0, "", null, DateTimeOffset.Parse("2021-11-01T00:00:00+08:00"))]),
            At("2021-12-02T10:00:00+08:00")));
        Assert.Equal(["obligations[0].party", "obligations[1].dueAt", "obligations[1].what"], bad.Errors.Keys.Order().ToArray());
        c.Resolve(new ResolveCommand(AgreementType.Written, "协议", 800m, null, null, null,
            Obligations: [new ObligationInput(0, "支付赔偿款", 800m, DateTimeOffset.Parse("2021-12-31T18:00:00+08:00")), new ObligationInput(0, "赔礼道歉", null, null)]),
            At("2021-12-02T10:00:00+08:00"));
        Assert.Equal(c.Parties[0].Id, c.Obligations[0].PartyId);
        Assert.Contains("performedObligations", Assert.Throws<InvalidInputException>(() =>
            c.RecordFollowUp(new FollowUpCommand(true, true, "回访", null, [2]), At("2021-12-10T10:00:00+08:00"))).Errors.Keys);
        c.RecordFollowUp(new FollowUpCommand(true, true, "已付款", null, [0]), At("2021-12-10T10:00:00+08:00"));
        Assert.NotNull(c.Obligations[0].PerformedAt);
        Assert.Null(c.Obligations[1].PerformedAt);
        Assert.True(Assert.IsType<CaseUpdated>(c.PendingChanges[^1].Events.First()).Performed);
        c.RecordFollowUp(new FollowUpCommand(true, true, "已道歉", null, [1]), At("2021-12-20T10:00:00+08:00"));
        Assert.NotNull(c.Obligations[1].PerformedAt);
        Assert.Null(Assert.IsType<CaseUpdated>(c.PendingChanges[^1].Events.First()).Performed); // 自动履行 counts once
    }
}
