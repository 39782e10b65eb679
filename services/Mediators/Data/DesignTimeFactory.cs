using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MediationPlatform.Mediators.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the application.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MediatorsDbContext>
{
    public MediatorsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MediatorsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time_only")
            .UseSnakeCaseNamingConvention()
            .Options);
}
