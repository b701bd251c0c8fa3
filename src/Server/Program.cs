using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Rollout.Domain.Dashboard;
using Rollout.Server.Api;
using Rollout.Server.Audit;
using Rollout.Server.Components;
using Rollout.Server.Edge;
using Rollout.Server.Fleet;
using Rollout.Server.Hosting;
using Rollout.Server.Hubs;
using Rollout.Server.Insight;
using Rollout.Server.Metrics;
using Rollout.Server.ReadModel;
using Rollout.Server.Security;
using Rollout.Server.Upstream;

var builder = WebApplication.CreateBuilder(args);

// Serve the client's build output from a plain build (dotnet run) in any environment; a published
// app carries its assets with it and ignores this.
builder.WebHost.UseStaticWebAssets();
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls("http://127.0.0.1:5080");

builder.Services.AddOptions<UpstreamOptions>().Bind(builder.Configuration.GetSection(UpstreamOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
builder.AddDashboardAuth();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<DashboardOptions>>();
    return new DashboardModel(sp.GetRequiredService<TimeProvider>(), () => TimeSpan.FromSeconds(options.Value.LostAfterSeconds));
});

if (string.IsNullOrWhiteSpace(builder.Configuration[$"{UpstreamOptions.Section}:{nameof(UpstreamOptions.Address)}"]))
{
    builder.Services.AddSingleton<EmbeddedEmulator>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedEmulator>());
}

builder.Services.AddSingleton<UpstreamChannel>();
builder.Services.AddSingleton<UpstreamControl>();
builder.Services.AddHostedService<StatusSubscriber>();
builder.Services.AddHostedService<UpdaterSubscriber>();
builder.Services.AddSingleton<ViewerRegistry>();
builder.Services.AddSingleton<IChangeRouter>(sp => sp.GetRequiredService<ViewerRegistry>());
builder.Services.AddSingleton<HubLifetimeManager<DashboardHub>, ViewerTrackingLifetimeManager>();
builder.Services.AddSingleton<DeltaBroadcaster>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DeltaBroadcaster>());
builder.Services.AddAudit(builder.Configuration);
builder.Services.AddDashboardMetrics();
builder.Services.AddSingleton<FleetService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FleetService>());
builder.Services.AddInsight();

builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
    .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
    .AddMessagePackProtocol(); // what browsers speak; JSON stays for scripts
builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
builder.Services.AddMudServices();
builder.AddDashboardEdge();

var app = builder.Build();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler(ErrorEndpoint.Path, createScopeForErrors: true);
app.UseDashboardEdge();
// Our own static assets live in the repository's top-level wwwroot/; framework and library
// assets come from the build's static asset manifest (MapStaticAssets).
var assets = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "..", "wwwroot"));
if (Directory.Exists(assets)) app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets) });
app.UseDashboardAuth(); // sign-in, policies, and the sign-in link printed at start
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous(); // build output (framework, libraries, styles): no data
app.MapDashboardApi();
app.MapLiveness();
app.MapInsightApi();
app.MapAuditApi();
app.MapDashboardMetrics();
app.MapHub<DashboardHub>(DashboardHubRoute.Path);
app.MapRazorComponents<App>()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(Rollout.Client._Imports).Assembly)
    .RequireAuthorization(DashboardPolicies.Viewer);

app.Run();

/// <summary>Entry point; visible to tests that host the dashboard.</summary>
public partial class Program;
