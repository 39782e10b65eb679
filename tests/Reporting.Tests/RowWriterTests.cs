using MediationPlatform.Contracts;
using MediationPlatform.Reporting.Features.Projections;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediationPlatform.Reporting.Tests;

/// <summary>
/// The set-based writer the case facts go through (live and rebuild): every column of the entity round-trips — enums,
/// nullable values, decimals, timestamps given in China time — an update overwrites all of them, and an insert of a
/// key that exists fails as a plain insert would (the rebuild's retry depends on it).
/// </summary>
public sealed class RowWriterTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static CaseFact Full(Guid id, int step) => new()
    {
        CaseId = id, Registered = true, Kind = CaseKind.Petition, Category = DisputeCategory.Contract, PetitionType = PetitionType.Claim,
        Source = CaseSource.Application, Channel = CaseChannel.Phone, RegionCode = $"rw-v{step}", TownCode = "rw", DistrictCode = "yubei",
        ReceivedAt = new DateTimeOffset(2003, 12, 31, 23, 30 + step, 0, Cst), ReceivedYear = 2003, PartyCount = 3 + step,
        PartyCountVersion = 2 + step, AmountInvolved = 12345.67m + step, Status = CaseStatus.Concluded, RiskLevel = RiskLevel.High,
        AssignedMediatorId = new Guid($"00000000-0000-0000-0000-00000000000{step}"), Version = 7 + step, ResolvedAt = new DateTimeOffset(2004, 1, 2, 8, step, 0, Cst),
        UnresolvedAt = new DateTimeOffset(2004, 1, 3, 8, 0, 0, Cst), WithdrawnAt = new DateTimeOffset(2004, 1, 4, 8, 0, 0, Cst),
        TransferredAt = new DateTimeOffset(2004, 1, 5, 8, 0, 0, Cst), AgreementType = AgreementType.Written, EscalationPrevented = true,
        AcceptedAt = new DateTimeOffset(2004, 1, 6, 8, 0, 0, Cst), NotAcceptedAt = new DateTimeOffset(2004, 1, 7, 8, 0, 0, Cst),
        ConcludedAt = new DateTimeOffset(2004, 1, 8, 8, 0, 0, Cst), ConcludedOnTime = true, Opinion = Opinion.NotSupport,
        ReviewRequestedAt = new DateTimeOffset(2004, 1, 9, 8, 0, 0, Cst), SecondReviewRequestedAt = new DateTimeOffset(2004, 1, 10, 8, 0, 0, Cst),
        RepeatOf = true,
    };

    private static void AssertSame(CaseFact expected, CaseFact actual)
    {
        foreach (var property in typeof(CaseFact).GetProperties())
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)),
                $"{property.Name}: expected {property.GetValue(expected)}, stored {property.GetValue(actual)}");
    }

    private Task<CaseFact> ReadAsync(Guid id) => fixture.Factory.WithDbAsync(db => db.CaseFacts.AsNoTracking().SingleAsync(f => f.CaseId == id));

    [Fact]
    public async Task Every_column_round_trips_an_update_overwrites_them_all_and_a_second_insert_of_a_key_fails()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.Factory.WithDbAsync(async db =>
        {
            await RowWriter.InsertAsync(db, [Full(a, 0), new CaseFact { CaseId = b, RegionCode = "rw" }], default);
            return 0;
        });
        AssertSame(Full(a, 0), await ReadAsync(a));
        Assert.Null((await ReadAsync(b)).AmountInvolved); // nulls stay null
        Assert.Null((await ReadAsync(b)).PetitionType);

        // an update sets every non-key column, nulls included
        var changed = Full(b, 1);
        await fixture.Factory.WithDbAsync(async db =>
        {
            await RowWriter.UpdateAsync(db, [changed, new CaseFact { CaseId = a, RegionCode = "rw" }], default);
            return 0;
        });
        AssertSame(changed, await ReadAsync(b));
        AssertSame(new CaseFact { CaseId = a, RegionCode = "rw" }, await ReadAsync(a));

        var clash = await Assert.ThrowsAsync<PostgresException>(() => fixture.Factory.WithDbAsync(async db =>
        {
            await RowWriter.InsertAsync(db, [new CaseFact { CaseId = a, RegionCode = "rw" }], default);
            return 0;
        }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, clash.SqlState);
    }
}
