using MediationPlatform.ServiceDefaults.Security;

namespace MediationPlatform.Gateway.Accounts;

public static class AccountsSetup
{
    /// <summary>Lockout and revocation options, the revocation cache (a background refresh), and the bootstrap admin's password check.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Bootstrap:AdminUser"]))
            ProductionGuard.Check(builder, [ProductionGuard.Secret.Named("Bootstrap:AdminPassword")]);
        builder.Services.Configure<AccountOptions>(builder.Configuration.GetSection("Accounts"));
        builder.Services.AddSingleton<TokenRevocation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TokenRevocation>());
        return builder;
    }
}
