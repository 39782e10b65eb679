using MediationPlatform.Contracts;
using MediationPlatform.Mediators.Domain;
using MediationPlatform.Mediators.Features.Assignments;
using MediationPlatform.Mediators.Features.Mediators;
using MediationPlatform.Mediators.Features.Organizations;
using MediationPlatform.Mediators.Features.Sessions;

namespace MediationPlatform.Mediators.Tests;

/// <summary>The rules of booking and recording a session and of who may work on a case, without a database.</summary>
public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-07T10:00:00+08:00");
    private static readonly DateTimeOffset Nine = DateTimeOffset.Parse("2026-12-08T09:00:00+08:00");

    private static CaseRef Case(bool closed = false) => new()
    {
        CaseId = Guid.CreateVersion7(), Kind = CaseKind.Dispute, Number = "MUER-2026-D-00001", RegionCode = "muer-v01", TownCode = "muer",
        DistrictCode = "yubei", ReceivedAt = Now.AddDays(-3), Closed = closed,
    };

    private static Mediator Mediator(string region = "muer-v01", bool active = true, int activeCases = 0, int max = 10) => new()
    {
        Id = Guid.CreateVersion7(), Name = "王调解员", Kind = MediatorKind.Village, RegionCodes = [region], Active = active,
        ActiveCases = activeCases, MaxActiveCases = max,
    };

    private static Organization Room(string serves = "muer", OrganizationKind kind = OrganizationKind.MediationRoom) => new()
    {
        Id = Guid.CreateVersion7(), Name = "善和调解室", Kind = kind, RegionCode = "muer", ServesRegionCodes = [serves],
    };

    private static ScheduleSessionRequest Request(IReadOnlyList<Guid> mediators, DateTimeOffset? starts = null, TimeSpan? length = null,
        Guid? room = null, DateTimeOffset? occurredAt = null) =>
        new(Guid.CreateVersion7(), [.. mediators], room, starts ?? Nine, (starts ?? Nine) + (length ?? TimeSpan.FromHours(2)), " 金刚村调解室 ", occurredAt);

    private static string Errors(MediationPlatform.Kernel.Validation v) =>
        string.Join("; ", v.Errors.Select(e => $"{e.Key}: {string.Join(" / ", e.Value)}"));

    [Theory]
    [InlineData("muer-v01", true, null)]                   // the village itself
    [InlineData("muer", true, null)]                       // the town's full-time mediator
    [InlineData("yubei", true, null)]                      // the district's
    [InlineData("muer-v02", true, "does not serve the case's village, town or district")]
    [InlineData("muer-v01", false, "is not active")]
    public void A_mediator_may_work_on_a_case_when_active_and_serving_its_village_town_or_district(string region, bool active, string? expected)
    {
        Assert.Equal(expected, Eligibility.WhyNot(Mediator(region, active), Case().Place));
    }

    [Fact]
    public void A_mediator_that_does_not_exist_or_a_room_that_is_no_room_is_named_as_such()
    {
        Assert.Equal("does not exist", Eligibility.WhyNot(null, Case().Place));
        Assert.Equal("is not a mediation room (an organisation of kind mediation_room)",
            Eligibility.WhyNotRoom(Room(kind: OrganizationKind.PoliceStation), Case().Place));
        Assert.Equal("does not serve the case's village, town or district", Eligibility.WhyNotRoom(Room(serves: "other-town"), Case().Place));
        Assert.Null(Eligibility.WhyNotRoom(Room(), Case().Place));
        var woundUp = Room();
        woundUp.Active = false;
        Assert.Equal("is not active", Eligibility.WhyNotRoom(woundUp, Case().Place));
    }

    [Theory]
    [InlineData(9, 10, true)]
    [InlineData(10, 10, false)]
    [InlineData(12, 10, false)] // over capacity by a supervisor's deliberate choice: no room for the ladder
    public void Room_means_fewer_active_cases_than_the_maximum(int active, int max, bool room) =>
        Assert.Equal(room, Eligibility.HasRoom(active, max));

    [Fact]
    public void A_request_needs_a_case_an_interval_of_at_most_12_hours_and_one_to_ten_distinct_mediators()
    {
        var m = Guid.CreateVersion7();
        Assert.True(SessionRules.CheckRequest(Request([m, m]), Now, out var ids).IsValid);
        Assert.Equal([m], ids);

        var backwards = SessionRules.CheckRequest(Request([m], length: TimeSpan.FromMinutes(-30)), Now, out _);
        Assert.True(backwards.Errors.ContainsKey("endsAt"), Errors(backwards));
        var long13 = SessionRules.CheckRequest(Request([m], length: TimeSpan.FromHours(13)), Now, out _);
        Assert.True(long13.Errors.TryGetValue("endsAt", out var e) && e[0].Contains("12 hours"), Errors(long13));
        var nobody = SessionRules.CheckRequest(Request([]), Now, out _);
        Assert.True(nobody.Errors.ContainsKey("mediatorIds"), Errors(nobody));
        var eleven = SessionRules.CheckRequest(Request([.. Enumerable.Range(0, 11).Select(_ => Guid.CreateVersion7())]), Now, out _);
        Assert.True(eleven.Errors.ContainsKey("mediatorIds"), Errors(eleven));
        var future = SessionRules.CheckRequest(Request([m], occurredAt: Now.AddMinutes(5)), Now, out _);
        Assert.True(future.Errors.ContainsKey("occurredAt"), Errors(future));
    }

    [Fact]
    public void Every_mediator_and_the_room_must_be_eligible_and_a_booking_cannot_precede_the_case()
    {
        var c = Case();
        var good = Mediator();
        var elsewhere = Mediator("muer-v02");
        var missing = Guid.CreateVersion7();
        var room = Room(serves: "other-town");
        var v = SessionRules.CheckParticipants(new(), c, c.ReceivedAt.AddHours(-1), [good.Id, elsewhere.Id, missing], [good, elsewhere], room.Id, room);
        var mediatorErrors = v.Errors.GetValueOrDefault("mediatorIds") ?? [];
        Assert.True(mediatorErrors.Length == 2 && mediatorErrors.Any(x => x.Contains(elsewhere.Id.ToString()) && x.Contains("does not serve"))
            && mediatorErrors.Any(x => x.Contains(missing.ToString()) && x.Contains("does not exist")), Errors(v));
        Assert.True(v.Errors.ContainsKey("roomId") && v.Errors.ContainsKey("occurredAt"), Errors(v));
        Assert.True(SessionRules.CheckParticipants(new(), c, Now, [good.Id], [good], null, null).IsValid);
    }

    [Fact]
    public void Booking_makes_one_row_per_mediator_and_for_the_room_and_the_event_for_the_case()
    {
        var c = Case();
        var (a, b, room) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (session, scheduled) = SessionRules.Book(Request([a, b], room: room), c, [a, b], "supervisor-1", Now.AddHours(-1), Now);
        Assert.Equal([(a, BookingResource.Mediator), (b, BookingResource.Mediator), (room, BookingResource.Room)],
            session.Bookings.Select(x => (x.ResourceId, x.ResourceKind)).ToList());
        Assert.All(session.Bookings, x => Assert.True(x.StartsAt == Nine && x.EndsAt == Nine.AddHours(2) && x.SessionId == session.Id));
        Assert.Equal(("金刚村调解室", "muer-v01", "muer"), (session.Location, session.RegionCode, session.TownCode));
        Assert.Equal((session.Id, c.CaseId, Now.AddHours(-1), Now), (scheduled.SessionId, scheduled.CaseId, scheduled.OccurredAt, scheduled.RecordedAt));
    }

    [Fact]
    public void Touching_intervals_do_not_overlap_sharing_a_moment_does()
    {
        Assert.False(SessionRules.Overlaps(Nine, Nine.AddHours(1), Nine.AddHours(1), Nine.AddHours(2)));
        Assert.True(SessionRules.Overlaps(Nine, Nine.AddHours(1), Nine.AddMinutes(59), Nine.AddHours(2)));
        Assert.True(SessionRules.Overlaps(Nine, Nine.AddHours(3), Nine.AddHours(1), Nine.AddHours(2))); // inside
    }

    [Fact]
    public void No_session_for_a_case_that_ended_and_an_outcome_is_recorded_once()
    {
        Assert.NotNull(SessionRules.Refusal(Case(closed: true)));
        Assert.Null(SessionRules.Refusal(Case()));
        var (session, _) = SessionRules.Book(Request([Guid.CreateVersion7()]), Case(), [Guid.CreateVersion7()], "m", Now, Now);
        Assert.Null(SessionRules.RecordRefusal(session));
        var held = SessionRules.Record(session, new RecordSessionRequest(true, 4, " 双方同意 ", null), "m", Nine.AddHours(2), Nine.AddHours(2));
        Assert.True(held.Held && held.AttendeeCount == 4 && session.Summary == "双方同意", $"recorded: {held}");
        Assert.NotNull(SessionRules.RecordRefusal(session));
    }

    [Fact]
    public void A_held_session_had_attendees_and_a_summary_and_cannot_be_held_before_it_starts()
    {
        var (session, _) = SessionRules.Book(Request([Guid.CreateVersion7()]), Case(), [Guid.CreateVersion7()], "m", Now, Now);
        var early = SessionRules.CheckRecord(session, new RecordSessionRequest(true, 0, null, null), Nine.AddMinutes(-1), Nine);
        Assert.True(early.Errors.ContainsKey("summary") && early.Errors.ContainsKey("attendeeCount") && early.Errors.ContainsKey("occurredAt"),
            Errors(early));
        var notHeld = SessionRules.CheckRecord(session, new RecordSessionRequest(false, 0, null, null), Nine.AddMinutes(-1), Nine);
        Assert.True(notHeld.IsValid, Errors(notHeld)); // called off before it began: no attendees, no summary needed
        var missing = SessionRules.CheckRecord(session, new RecordSessionRequest(null, null, null, null), Nine, Nine);
        Assert.True(missing.Errors.ContainsKey("held") && missing.Errors.ContainsKey("attendeeCount"), Errors(missing));
    }

    private static Session Booked(Guid? room = null)
    {
        var mediator = Mediator();
        var (session, _) = SessionRules.Book(Request([mediator.Id], room: room), Case(), [mediator.Id], "u-1", Now, Now);
        return session;
    }

    [Fact]
    public void A_move_takes_every_booking_row_along_and_the_same_time_and_place_is_no_move()
    {
        var session = Booked(room: Guid.CreateVersion7());
        var later = Nine.AddDays(1);
        var moved = SessionRules.Reschedule(session, new RescheduleSessionRequest(later, later.AddHours(1), null, null), "u-2", Now, Now);
        Assert.NotNull(moved);
        Assert.Equal((Nine, Nine.AddHours(2), later), (moved.PreviousStartsAt, moved.PreviousEndsAt, moved.StartsAt));
        Assert.Equal("金刚村调解室", session.Location); // absent location: kept
        Assert.Equal(2, session.Bookings.Count);
        Assert.All(session.Bookings, b => Assert.Equal((later, later.AddHours(1)), (b.StartsAt, b.EndsAt)));
        Assert.Null(SessionRules.Reschedule(session, new RescheduleSessionRequest(later, later.AddHours(1), "金刚村调解室", null), "u-2", Now, Now));
        Assert.NotNull(SessionRules.Reschedule(session, new RescheduleSessionRequest(later, later.AddHours(1), "镇调解室", null), "u-2", Now, Now));

        var bad = SessionRules.CheckReschedule(new RescheduleSessionRequest(later, later.AddHours(13), null, Now.AddDays(1)), Now, Now);
        Assert.True(bad.Errors.ContainsKey("endsAt"), Errors(bad));
        Assert.True(SessionRules.CheckReschedule(new RescheduleSessionRequest(later, later.AddHours(1), null, null), Now.AddHours(1), Now)
            .Errors.ContainsKey("occurredAt")); // not in the future
    }

    [Fact]
    public void A_cancellation_frees_the_bookings_and_only_a_standing_session_can_be_moved_cancelled_or_recorded()
    {
        var session = Booked(room: Guid.CreateVersion7());
        Assert.Null(SessionRules.ChangeRefusal(session));
        Assert.True(SessionRules.CheckCancel(new CancelSessionRequest("  ", null), Now, Now).Errors.ContainsKey("reason"));
        var cancelled = SessionRules.Cancel(session, " 当事人住院 ", "u-3", Now, Now);
        Assert.Equal((SessionStatus.Cancelled, "当事人住院", 0), (session.Status, session.CancelReason, session.Bookings.Count));
        Assert.Equal((session.Id, session.CaseId, "u-3"), (cancelled.SessionId, cancelled.CaseId, cancelled.By));
        Assert.Equal("The session was cancelled already.", SessionRules.ChangeRefusal(session));
        Assert.Equal("The session was cancelled; it has no outcome.", SessionRules.RecordRefusal(session));

        var recorded = Booked();
        SessionRules.Record(recorded, new RecordSessionRequest(false, 0, null, null), "u-1", Now, Now);
        Assert.Equal(SessionStatus.NotHeld, recorded.Status);
        Assert.NotNull(SessionRules.ChangeRefusal(recorded));
    }
}
