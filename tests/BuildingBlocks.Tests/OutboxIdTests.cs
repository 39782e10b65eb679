using MediationPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.BuildingBlocks.Tests;

/// <summary>Outbox ids grow in the order events are added, so a unit of work's events keep their order in the event log.</summary>
public sealed class OutboxIdTests(MessagingHarness harness) : IClassFixture<MessagingHarness>
{
    [Fact]
    public void Ids_of_one_millisecond_grow_strictly_and_are_version_7()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 5000).Select(_ => OutboxIds.Next(now)).ToList(); // more than 4,096: the next millisecond is borrowed
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.True(OutboxIds.Next(now.AddSeconds(-1)) > ids[^1]); // a clock step back does not reorder either
    }

    [Fact]
    public async Task Events_added_in_one_unit_of_work_get_sequence_numbers_in_the_order_they_were_added()
    {
        var key = $"order-{Guid.NewGuid():N}";
        var added = await harness.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 40).Select(i => db.AddOutboxMessage(MessagingHarness.Event($"{key}-{i}")).Id).ToList();
            await db.SaveChangesAsync();
            return rows;
        });
        var bySequence = await harness.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => added.Contains(m.Id)).OrderBy(m => m.Sequence).Select(m => m.Id).ToListAsync());
        Assert.Equal(added, bySequence);
    }
}
