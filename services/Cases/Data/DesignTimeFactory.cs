using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MediationPlatform.Cases.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the application.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CasesDbContext>
{
    public CasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CasesDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time_only")
            .UseSnakeCaseNamingConvention()
            .Options);
}
