using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediationPlatform.Messaging;

public sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && OutboxSignalInterceptor.OutboxPending.Take(db)) signal.Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && OutboxSignalInterceptor.OutboxPending.Take(db)) signal.Notify();
    }

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) OutboxSignalInterceptor.OutboxPending.Take(db);
        return Task.CompletedTask;
    }
}
