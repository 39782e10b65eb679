using Microsoft.EntityFrameworkCore;
using Npgsql;
using Polly;
using Polly.Retry;

namespace MediationPlatform.ServiceDefaults.Data;

/// <summary>
/// A unit of work that lost a race — an optimistic-concurrency conflict (<see cref="DbUpdateConcurrencyException"/>)
/// or a row lock it could not get in time (PostgreSQL 55P03, <c>lock_timeout</c>) — is run again from scratch, a few
/// times, with jittered exponential backoff (Polly). What is still losing after that is the caller's to answer:
/// 503 with <c>Retry-After</c> for a client that did not ask for optimistic concurrency, never 409/412/500 (ADR 0012).
/// </summary>
public static class RaceRetry
{
    public const int MaxRetryAttempts = 4;

    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsLostRace),
            MaxRetryAttempts = MaxRetryAttempts,
            Delay = TimeSpan.FromMilliseconds(20),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public static bool IsLostRace(Exception ex) => ex is DbUpdateConcurrencyException || IsLockTimeout(ex);

    public static bool IsLockTimeout(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };
}
