using MassTransit;
using MediationPlatform.Messaging;
using MediationPlatform.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>The promises of quality.md "Nothing lost, nothing counted twice", against real PostgreSQL and RabbitMQ.</summary>
public sealed class OutboxInboxTests : IClassFixture<MessagingHarness>
{
    private readonly MessagingHarness _h;

    public OutboxInboxTests(MessagingHarness harness) => _h = harness;

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Waits for the consumer (which may have a backlog from other tests) and checks nothing applies it again.</summary>
    private async Task AssertAppliedExactlyOnceAsync(string key)
    {
        var applied = await Eventually.ValueAsync(() => _h.AppliedCountAsync(key), n => n >= 1, TimeSpan.FromSeconds(60), 100);
        Assert.True(applied >= 1, $"the message should be applied within 60 s; it was applied {applied} times");
        await Task.Delay(700);
        Assert.Equal(1, await _h.AppliedCountAsync(key));
    }

    /// <summary>Waits until the consumer has received the message exactly <paramref name="times"/> times (duplicates included).</summary>
    private async Task AssertReceivedAsync(Guid messageId, int times, string what)
    {
        var received = await Eventually.ValueAsync(() => Task.FromResult(_h.Log.ByMessageId.GetValueOrDefault(messageId)), n => n == times,
            TimeSpan.FromSeconds(10));
        Assert.True(received == times, $"{what}: the consumer should have received it {times} times within 10 s; it received it {received} times");
    }

    [Fact]
    public async Task A_write_that_rolls_back_publishes_nothing()
    {
        var key = NewKey("rollback");
        var rowIds = new List<Guid>();
        // 1. An explicit transaction rolled back after the save.
        await _h.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = key });
            rowIds.Add(db.AddOutboxMessage(MessagingHarness.Event(key)).Id);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
            return 0;
        }));
        // 2. A save that fails (unique violation) inside the same unit as the outbox row.
        await _h.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = key + "-dup" });
            await db.SaveChangesAsync();
            return 0;
        });
        var failed = await _h.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = key + "-dup" });
            rowIds.Add(db.AddOutboxMessage(MessagingHarness.Event(key)).Id);
            try { await db.SaveChangesAsync(); return false; } catch (DbUpdateException) { return true; }
        });
        Assert.True(failed);

        var outboxRows = await _h.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => rowIds.Contains(m.Id)));
        Assert.Equal(0, outboxRows);
        var published = await _h.NewDispatcher().DispatchOnceAsync(CancellationToken.None);
        Assert.Equal(0, published);
        await Task.Delay(500);
        Assert.Equal(0, await _h.AppliedCountAsync(key));
    }

    [Fact]
    public async Task A_committed_write_is_published_and_applied_once()
    {
        var key = NewKey("commit");
        var rowId = await _h.WithDbAsync(async db =>
        {
            db.Widgets.Add(new Widget { Id = Guid.NewGuid(), Name = key });
            var id = db.AddOutboxMessage(MessagingHarness.Event(key)).Id;
            await db.SaveChangesAsync();
            return id;
        });
        Assert.Equal(1, await _h.NewDispatcher().DispatchOnceAsync(CancellationToken.None));
        await AssertAppliedExactlyOnceAsync(key);
        var row = await _h.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == rowId));
        Assert.NotNull(row.SentAt);
        Assert.True(_h.Log.ByMessageId.ContainsKey(row.Id), "the outbox row id is the MassTransit MessageId");
    }

    [Fact]
    public async Task The_same_message_delivered_three_times_concurrently_and_once_more_later_is_applied_once()
    {
        var key = NewKey("dup");
        var messageId = NewId.NextGuid();
        var bus = _h.Host.Services.GetRequiredService<IBus>();
        var message = MessagingHarness.Event(key);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            bus.Publish(message, ctx => ctx.MessageId = messageId)));
        await AssertReceivedAsync(messageId, 3, "the three concurrent deliveries");
        await Task.Delay(300);
        await bus.Publish(message, ctx => ctx.MessageId = messageId); // spread out: a late redelivery
        await AssertReceivedAsync(messageId, 4, "the late redelivery");
        await AssertAppliedExactlyOnceAsync(key);
        var inboxRows = await _h.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));
        Assert.Equal(1, inboxRows);
    }

    [Fact]
    public async Task Two_dispatchers_over_ten_thousand_rows_never_send_a_row_twice()
    {
        const int rows = 10_000;
        var prefix = NewKey("bulk");
        var ids = new HashSet<Guid>();
        for (var chunk = 0; chunk < rows / 1000; chunk++)
        {
            await _h.WithDbAsync(async db =>
            {
                for (var i = 0; i < 1000; i++) ids.Add(db.AddOutboxMessage(MessagingHarness.Event($"{prefix}-{chunk}-{i}")).Id);
                return await db.SaveChangesAsync();
            });
        }

        async Task<int> Drain(OutboxDispatcher<TestDbContext> d)
        {
            var total = 0;
            int n;
            while ((n = await d.DispatchOnceAsync(CancellationToken.None)) > 0) total += n;
            return total;
        }
        var counts = await Task.WhenAll(Drain(_h.NewDispatcher()), Drain(_h.NewDispatcher()));

        Assert.Equal(rows, counts.Sum());
        Assert.True(counts.All(c => c > 0), $"both dispatchers should have taken part: {string.Join(", ", counts)}");
        var unsent = await _h.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
        Assert.Equal(0, unsent);
        var missing = await Eventually.ValueAsync(
            () => Task.FromResult(ids.Count(id => !_h.Log.ByMessageId.ContainsKey(id))), n => n == 0, TimeSpan.FromSeconds(60), 200);
        Assert.True(missing == 0, $"every row should arrive within 60 s; {missing} of {rows} have not");
        await Task.Delay(500);
        var doubled = ids.Count(id => _h.Log.ByMessageId[id] != 1);
        Assert.Equal(0, doubled);
    }

    [Fact]
    public async Task A_dispatcher_killed_between_publish_and_mark_resends_and_the_consumer_applies_once()
    {
        var key = NewKey("crash");
        var rowId = await _h.WithDbAsync(async db =>
        {
            var row = db.AddOutboxMessage(MessagingHarness.Event(key));
            await db.SaveChangesAsync();
            return row.Id;
        });

        var crashing = _h.NewDispatcher(o => o.AfterPublishBeforeMark = _ => throw new InvalidOperationException("killed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.DispatchOnceAsync(CancellationToken.None));

        await AssertReceivedAsync(rowId, 1, "the publish before the crash");
        var stillUnsent = await _h.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == rowId));
        Assert.Null(stillUnsent.SentAt);

        Assert.True(await _h.NewDispatcher().DispatchOnceAsync(CancellationToken.None) >= 1);
        await AssertReceivedAsync(rowId, 2, "the event is sent again");
        await AssertAppliedExactlyOnceAsync(key);
    }

    [Fact]
    public async Task A_message_that_always_throws_ends_in_the_error_queue_and_does_not_block_the_queue()
    {
        var poison = NewKey("poison");
        var healthy = NewKey("after-poison");
        await _h.WithDbAsync(async db =>
        {
            db.AddOutboxMessage(MessagingHarness.Event(poison));
            db.AddOutboxMessage(MessagingHarness.Event(healthy));
            return await db.SaveChangesAsync();
        });
        await _h.NewDispatcher().DispatchOnceAsync(CancellationToken.None);

        var applied = await Eventually.ValueAsync(() => _h.AppliedCountAsync(healthy), n => n == 1, TimeSpan.FromSeconds(60));
        Assert.True(applied == 1, $"the message behind the poison one should be processed once within 60 s; it was applied {applied} times");
        static bool Parked((string? Queue, int Messages) e) => e.Queue is not null && e.Messages >= 1;
        var error = await Eventually.ValueAsync(async () =>
            {
                var errorQueue = (await _h.VirtualHost.QueueNamesAsync()).FirstOrDefault(q => q.Contains("inboxed-counter") && q.EndsWith("_error"));
                return (Queue: errorQueue, Messages: errorQueue is null ? 0 : await _h.VirtualHost.MessagesInQueueAsync(errorQueue));
            }, Parked, TimeSpan.FromSeconds(30), 500);
        Assert.True(Parked(error), "the poison message should land in the _error queue after bounded retries, within 30 s; "
            + (error.Queue is null ? "there is no such queue" : $"{error.Queue} holds {error.Messages} messages"));
        Assert.Equal(0, await _h.AppliedCountAsync(poison));
    }

    [Fact]
    public async Task A_publish_to_an_unreachable_broker_fails_within_the_timeout_and_is_retried_later()
    {
        // A bus pointed at a port where nothing listens stands in for a stopped broker: the row must stay unsent,
        // with its error recorded and its next attempt pushed back, instead of hanging the dispatcher.
        var key = NewKey("down");
        var rowId = await _h.WithDbAsync(async db =>
        {
            var row = db.AddOutboxMessage(MessagingHarness.Event(key));
            await db.SaveChangesAsync();
            return row.Id;
        });
        var deadBus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", 1, "/", h => { h.Username("guest"); h.Password("guest"); }));
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher<TestDbContext>>(_h.Host.Services,
            Microsoft.Extensions.Options.Options.Create(new OutboxOptions { PublishTimeout = TimeSpan.FromSeconds(2) }), (IBus)deadBus);
        var started = DateTime.UtcNow;
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));

        var row = await _h.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == rowId));
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);
        Assert.True(row.NextAttemptAt > DateTimeOffset.UtcNow.AddMilliseconds(-200));

        // The broker "comes back": the real dispatcher sends it once it is due.
        await Task.Delay(600);
        var applied = await Eventually.ValueAsync(async () =>
        {
            await _h.NewDispatcher().DispatchOnceAsync(CancellationToken.None);
            return await _h.AppliedCountAsync(key);
        }, n => n == 1, TimeSpan.FromSeconds(15), 300);
        Assert.True(applied == 1, $"the row should be sent and applied once within 15 s of the broker coming back; it was applied {applied} times");
    }
}
