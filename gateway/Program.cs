using MediationPlatform.Gateway;
using MediationPlatform.Gateway.Data;
using MediationPlatform.Gateway.Identity;
using MediationPlatform.ServiceDefaults.Audit;
using MediationPlatform.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args.Where(a => a != "--verify-audit").ToArray());
builder.AddGatewayService();
var app = builder.Build();
app.MapGatewayService();
if (args.Contains("--verify-audit"))
{
    // check the gateway's audit chain from its first row and exit: 1 when a row was edited, removed or inserted (ADR 0022)
    await app.MigrateDatabaseAsync<GatewayDbContext>();
    using var scope = app.Services.CreateScope();
    return await AuditTrail.VerifyCommandAsync(scope.ServiceProvider.GetRequiredService<GatewayDbContext>(), Console.Out, CancellationToken.None);
}
await Bootstrap.RunAsync(app);
await app.RunAsync();
return 0;

public partial class Program;
