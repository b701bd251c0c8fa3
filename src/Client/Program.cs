using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddMudServices();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DashboardStore>();
builder.Services.AddSingleton<DashboardClock>();
builder.Services.AddSingleton<DashboardConnection>();
builder.Services.AddSingleton<IDashboardService>(sp => sp.GetRequiredService<DashboardConnection>());
await builder.Build().RunAsync();
