using MediationPlatform.Messaging;
using MediationPlatform.Messaging.DeadLetters;
using MediationPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>A message that failed every retry is parked, can be inspected, and after a fix is brought back and applied once.</summary>
public sealed class DeadLetterTests(MessagingHarness h) : IClassFixture<MessagingHarness>
{
    [Fact]
    public async Task A_parked_message_is_listed_inspected_and_after_a_fix_requeued_and_applied_once()
    {
        var code = "sick-" + Guid.NewGuid().ToString("N")[..8];
        var rowId = await h.WithDbAsync(async db =>
        {
            var row = db.AddOutboxMessage(MessagingHarness.Event(code));
            await db.SaveChangesAsync();
            return row.Id;
        });
        await h.NewDispatcher().DispatchOnceAsync(CancellationToken.None);

        var queues = h.Host.Services.GetRequiredService<DeadLetterQueues>();
        var queue = Assert.Single(h.Host.Services.GetRequiredService<ReceiveEndpointNames>().All, q => q.Contains("inboxed-counter"));
        // the broker counts a message nacked on another connection back a moment later: wait for the count, say what was seen
        Task<uint> Parked() => Eventually.ValueAsync(async () => (await queues.ListAsync(default)).Single(q => q.Queue == queue).Messages,
            n => n == 1, TimeSpan.FromSeconds(30), 100);
        Assert.Equal(1u, await Parked()); // parked after its retries
        Assert.Equal(0, await h.AppliedCountAsync(code));

        // inspecting leaves it where it is
        var parked = Assert.Single(await queues.PeekAsync(queue, 10, default));
        Assert.Equal(rowId.ToString(), Guid.Parse(parked.MessageId!).ToString());
        Assert.Contains("InvalidOperationException", parked.ExceptionType);
        Assert.Contains($"{code} cannot be applied yet", parked.ExceptionMessage);
        Assert.Contains(code, parked.Envelope);
        Assert.Equal(1u, await Parked());
        Assert.Single(await Eventually.ValueAsync(() => queues.PeekAsync(queue, 10, default), m => m.Count == 1, TimeSpan.FromSeconds(10), 100));

        // a requeue of another message id moves nothing
        Assert.Equal(0, await queues.RequeueAsync(queue, Guid.NewGuid().ToString(), 100, default));
        Assert.Equal(1u, await Parked());

        InboxedCounter.Healed[code] = true;
        Assert.Equal(1, await queues.RequeueAsync(queue, parked.MessageId, 100, default));
        Assert.Equal(1, await Eventually.ValueAsync(() => h.AppliedCountAsync(code), n => n == 1, TimeSpan.FromSeconds(30))); // applied after the requeue
        Assert.Equal(0u, await Eventually.ValueAsync(async () => (await queues.ListAsync(default)).Single(q => q.Queue == queue).Messages,
            n => n == 0, TimeSpan.FromSeconds(10), 100));

        // the same message requeued again (say, from a copy) is applied once: the inbox remembers it
        Assert.Equal(0, await queues.RequeueAsync(queue, null, 100, default));
        await Task.Delay(500);
        Assert.Equal(1, await h.AppliedCountAsync(code));
        Assert.False(queues.Owns("another-service-queue"));
    }
}
