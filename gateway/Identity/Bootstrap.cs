using MediationPlatform.Contracts;
using MediationPlatform.Gateway.Data;
using MediationPlatform.ServiceDefaults.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MediationPlatform.Gateway.Identity;

/// <summary>Applies the identity database's migrations and makes sure the bootstrap administrator exists.</summary>
public static class Bootstrap
{
    public static async Task RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        // one replica at a time, as every service's migrations (SingleRunner; ADR 0025)
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
            await SingleRunner.MigrateAsync(db);

        var userName = app.Configuration["Bootstrap:AdminUser"];
        var password = app.Configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password)) return;
        var normalized = userName.Trim().ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized)) return;

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var admin = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = userName.Trim(),
            NormalizedUserName = normalized,
            DisplayName = "Administrator",
            Roles = [Roles.Admin],
            CreatedAt = now,
            UpdatedAt = now,
        };
        admin.PasswordHash = hasher.HashPassword(admin, password);
        db.Users.Add(admin);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // another gateway replica created it at the same moment
        }
    }
}
