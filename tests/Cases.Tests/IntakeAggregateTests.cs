using System.Text.Json;
using MediationPlatform.Cases.Domain;
using MediationPlatform.Cases.Domain.Commands;
using MediationPlatform.Contracts;
using MediationPlatform.Contracts.Events;
using MediationPlatform.Kernel;

namespace MediationPlatform.Cases.Tests;

/// <summary>
/// A dispute an agency handed in (三调对接 inbound), on the aggregate alone: the court's 30 days on the real calendar,
/// extension only with both parties' consent, the return to the agency (only for handed-in cases), the record the agency
/// sees at every step and the IntakeChanged notices its webhooks come from, and "awaiting a mediator".
/// </summary>
public sealed class IntakeAggregateTests
{
    private static readonly RegionPath Village = new("v1", "t1", "d1");
    private static readonly Guid Court = Guid.NewGuid();

    private static CaseContext At(string cst) => new("liaison", DateTimeOffset.Parse(cst), LegalClockTests.Clock);

    private static DateTimeOffset EndOf(string date) => DateTimeOffset.Parse(date + "T23:59:59+08:00");

    private static Case HandedIn(Agency agency, string receivedAt, string externalRef = "(2021)渝0112民诉前调123号")
    {
        var source = IntakeOrigin.SourceOf(agency);
        var r = new RegisterCaseCommand(CaseKind.Dispute, "买卖合同纠纷", "货款争议", DisputeCategory.Contract, null, Village.Code, source,
            CaseChannel.Online, DateTimeOffset.Parse(receivedAt), RiskLevel.Medium, null, null,
            [new PartyInput(PartyRole.Applicant, PartyKind.Person, "张某", "500112198001011234", null, null),
             new PartyInput(PartyRole.Respondent, PartyKind.Person, "李某", null, null, null)], externalRef);
        var parties = new List<Party> { new() { Id = Guid.NewGuid(), Role = PartyRole.Applicant, Name = "张某" } };
        return Case.Register(r, Village, "T1-2021-D-00001", parties, At(receivedAt), null,
            new RegistrationNotes([], Intake: new IntakeOrigin(Guid.NewGuid(), Court, agency, "请于30日内反馈")));
    }

    private static MediatorAssigned Assigned(Guid caseId, string at) =>
        new(caseId, Guid.NewGuid(), Guid.NewGuid(), null, true, "town_full_time", DateTimeOffset.Parse(at), DateTimeOffset.Parse(at));

    private static IntakeChanged Notice(Case c) => c.PendingChanges.SelectMany(x => x.Events).OfType<IntakeChanged>().Single();

    [Theory]
    [InlineData("2021-09-16T10:00:00+08:00", "2021-10-18")] // 16 Oct is a Saturday → Mon 18 Oct (国庆 does not touch the end)
    [InlineData("2021-09-01T10:00:00+08:00", "2021-10-08")] // 1 Oct (国庆 1–7 Oct) → Fri 8 Oct
    [InlineData("2021-03-10T10:00:00+08:00", "2021-04-09")] // an ordinary Friday
    public void A_courts_entrusted_mediation_is_due_30_days_from_receipt_on_the_legal_clock(string receivedAt, string due)
    {
        var c = HandedIn(Agency.Court, receivedAt);
        Assert.Equal(CaseSource.CourtEntrusted, c.Source);
        Assert.Equal((CaseDeadline.Mediation, EndOf(due)), (c.DueKind, c.DueAt!.Value));
        Assert.Contains("特邀调解的规定", c.CurrentDeadlineBasis());
        Assert.Equal(EndOf(due), c.IntakeView()!.DueAt);
        // a police station's dispute keeps the mediation month
        Assert.Equal(EndOf("2021-04-12"), HandedIn(Agency.Police, "2021-03-10T10:00:00+08:00").DueAt); // Sat 10 Apr → Mon 12 Apr
    }

    [Fact]
    public void A_court_entrusted_mediation_is_extended_only_with_both_parties_consent_which_the_timeline_records()
    {
        var c = HandedIn(Agency.Court, "2021-03-10T10:00:00+08:00");
        c.AssignMediator(Assigned(c.Id, "2021-03-10T11:00:00+08:00"), At("2021-03-10T11:00:00+08:00"));
        var refused = Assert.Throws<InvalidInputException>(() => c.Extend(new ExtendCommand(10, "需鉴定", null), At("2021-04-01T10:00:00+08:00")));
        Assert.Contains("partiesConsent", refused.Errors.Keys);
        c.ChangesSaved();
        c.Extend(new ExtendCommand(10, "需鉴定", null, PartiesConsent: true), At("2021-04-01T10:00:00+08:00"));
        Assert.Equal(EndOf("2021-04-19"), c.DueAt); // 40 days: Mon 19 Apr
        var entry = JsonSerializer.SerializeToElement(c.PendingChanges[^1].Details);
        Assert.True(entry.GetProperty("partiesConsent").GetBoolean());
        Assert.Contains("第二十七条", entry.GetProperty("basis").GetString());
    }

    [Fact]
    public void The_record_follows_the_case_and_every_step_the_agency_is_told_of_carries_it()
    {
        var c = HandedIn(Agency.Court, "2021-03-10T10:00:00+08:00");
        var record = c.IntakeView()!;
        Assert.Equal((IntakeStatus.Received, Agency.Court, Court, "(2021)渝0112民诉前调123号"), (record.Status, record.Agency, record.OrganizationId, record.ExternalRef));
        Assert.DoesNotContain("500112", JsonSerializer.Serialize(record)); // no ID numbers in the record
        Assert.Empty(c.PendingChanges.SelectMany(x => x.Events).OfType<IntakeChanged>()); // the registration itself is answered, not notified
        c.ChangesSaved();

        c.AssignMediator(Assigned(c.Id, "2021-03-10T11:00:00+08:00"), At("2021-03-10T11:00:00+08:00"));
        Assert.Equal((IntakeChanged.Assigned, IntakeStatus.Assigned), (Notice(c).Event, Notice(c).Intake.Status));
        c.ChangesSaved();
        c.StartMediation(new StepCommand(null), At("2021-03-11T10:00:00+08:00"));
        Assert.Empty(c.PendingChanges.SelectMany(x => x.Events).OfType<IntakeChanged>());
        Assert.Equal(IntakeStatus.Mediating, c.IntakeView()!.Status);
        c.ChangesSaved();
        c.Resolve(new ResolveCommand(AgreementType.Written, "李某于4月30日前支付货款2万元", 20000m, DateTimeOffset.Parse("2021-04-30T23:59:59+08:00"), null, null),
            At("2021-03-20T10:00:00+08:00"));
        var completed = Notice(c);
        Assert.Equal(IntakeChanged.Completed, completed.Event);
        Assert.Equal((IntakeStatus.Resolved, AgreementType.Written, 20000m), (completed.Intake.Outcome!.Result, completed.Intake.Outcome.AgreementType, completed.Intake.Outcome.AmountAgreed!.Value));
        Assert.Null(completed.Intake.DueAt); // ended: no running deadline
        c.ChangesSaved();
        c.RecordJudicialConfirmation(new JudicialConfirmationCommand(JudicialConfirmationStatus.Applied, "渝北区人民法院", null, null), At("2021-03-22T10:00:00+08:00"));
        Assert.Equal(JudicialConfirmationStatus.Applied, c.IntakeView()!.Outcome!.JudicialConfirmation); // whether the parties apply to the court
        c.ChangesSaved();
        c.RecordFollowUp(new FollowUpCommand(false, null, "尚未支付", null), At("2021-04-10T10:00:00+08:00"));
        Assert.Empty(c.PendingChanges.SelectMany(x => x.Events).OfType<IntakeChanged>());
        c.ChangesSaved();
        c.RecordFollowUp(new FollowUpCommand(true, true, "已支付", null), At("2021-05-06T10:00:00+08:00"));
        var performed = Notice(c);
        Assert.Equal((IntakeChanged.Performed, DateTimeOffset.Parse("2021-05-06T10:00:00+08:00")), (performed.Event, performed.Intake.Outcome!.PerformedAt!.Value));
        c.ChangesSaved();
        c.RecordFollowUp(new FollowUpCommand(true, true, "再次回访", null), At("2021-06-06T10:00:00+08:00"));
        Assert.Empty(c.PendingChanges.SelectMany(x => x.Events).OfType<IntakeChanged>()); // told once
    }

    [Fact]
    public void A_failure_tells_the_court_the_reason_and_the_route_advised()
    {
        var c = HandedIn(Agency.Court, "2021-03-10T10:00:00+08:00");
        c.StartMediation(new StepCommand(null), At("2021-03-11T10:00:00+08:00"));
        c.ChangesSaved();
        c.Fail(new FailCommand("被申请人拒绝调解", AdvisedRoute.Litigation, null), At("2021-03-12T10:00:00+08:00"));
        var outcome = Notice(c).Intake.Outcome!;
        Assert.Equal((IntakeStatus.Unresolved, "被申请人拒绝调解", AdvisedRoute.Litigation), (outcome.Result, outcome.Reason, outcome.AdvisedRoute!.Value));
    }

    [Fact]
    public void A_handed_in_dispute_is_returned_to_its_agency_and_no_other_dispute_can_be()
    {
        var c = HandedIn(Agency.Police, "2021-03-10T10:00:00+08:00", "J5001122021031000017");
        c.ChangesSaved();
        Assert.Contains(CaseAction.Return, c.AllowedActions());
        Assert.Contains("reason", Assert.Throws<InvalidInputException>(() => c.Return(new ReasonCommand(" ", null), At("2021-03-11T10:00:00+08:00"))).Errors.Keys);
        c.Return(new ReasonCommand("涉嫌故意伤害，不宜调解（防止民转刑）", null), At("2021-03-11T10:00:00+08:00"));
        Assert.Equal(CaseStatus.Transferred, c.Status);
        var events = c.PendingChanges.Single().Events;
        Assert.Equal(Agency.Police, events.OfType<CaseTransferred>().Single().Agency); // the workload and the figures follow as for any transfer
        var returned = events.OfType<IntakeChanged>().Single();
        Assert.Equal((IntakeChanged.Completed, IntakeStatus.Returned), (returned.Event, returned.Intake.Status));
        Assert.Equal("涉嫌故意伤害，不宜调解（防止民转刑）", returned.Intake.Outcome!.Reason);

        var own = Case.Register(new RegisterCaseCommand(CaseKind.Dispute, "邻里纠纷", null, DisputeCategory.Neighbourhood, null, Village.Code,
                CaseSource.PoliceTransfer, CaseChannel.WalkIn, DateTimeOffset.Parse("2021-03-10T09:00:00+08:00"), RiskLevel.Low, null, null,
                [new PartyInput(PartyRole.Applicant, null, "王某", null, null, null)], null),
            Village, "T1-2021-D-00002", [new Party { Id = Guid.NewGuid(), Role = PartyRole.Applicant, Name = "王某" }], At("2021-03-10T09:00:00+08:00"), null);
        Assert.DoesNotContain(CaseAction.Return, own.AllowedActions());
        var refused = Assert.Throws<ActionNotAllowedException>(() => own.Return(new ReasonCommand("x", null), At("2021-03-11T10:00:00+08:00")));
        Assert.Contains("handed in", refused.Reason);
        Assert.Null(own.IntakeView());
    }

    [Fact]
    public void Awaiting_a_mediator_is_noted_once_and_ends_with_the_assignment()
    {
        var c = HandedIn(Agency.Police, "2021-03-10T10:00:00+08:00");
        c.ChangesSaved();
        var awaited = new AssignmentAwaited(c.Id, c.Number, c.RegionCode, DateTimeOffset.Parse("2021-03-10T10:00:01+08:00"), DateTimeOffset.Parse("2021-03-10T10:00:01+08:00"));
        Assert.True(c.AwaitMediator(awaited, At("2021-03-10T10:00:01+08:00")));
        Assert.False(c.AwaitMediator(awaited, At("2021-03-10T10:00:02+08:00"))); // a redelivery adds nothing
        var entry = Assert.Single(c.PendingChanges);
        Assert.Equal(("awaiting_mediator", 1), (entry.Action, c.Version)); // a notice: the version stays
        Assert.Equal(IntakeStatus.Received, c.IntakeView()!.Status); // stays received until assigned
        c.ChangesSaved();
        c.AssignMediator(Assigned(c.Id, "2021-03-12T09:00:00+08:00"), At("2021-03-12T09:00:00+08:00"));
        Assert.Null(c.AwaitingMediatorSince);
        Assert.Equal(awaited.OccurredAt, JsonSerializer.SerializeToElement(c.PendingChanges[^1].Details).GetProperty("awaitedSince").GetDateTimeOffset());
    }
}
