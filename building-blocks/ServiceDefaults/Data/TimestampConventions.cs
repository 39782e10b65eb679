using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.ServiceDefaults.Data;

public static class TimestampConventions
{
    /// <summary>
    /// PostgreSQL's timestamptz stores an instant; Npgsql accepts only UTC offsets. Every DateTimeOffset is normalised
    /// to UTC on the way in (a back-dated <c>receivedAt</c> typed as +08:00 is the same instant).
    /// </summary>
    public static ModelConfigurationBuilder UseUtcTimestamps(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
        return configuration;
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);
}
