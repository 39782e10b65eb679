using MediationPlatform.Gateway;
using MediationPlatform.Gateway.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayService();
var app = builder.Build();
app.MapGatewayService();
await Bootstrap.RunAsync(app);
await app.RunAsync();

public partial class Program;
