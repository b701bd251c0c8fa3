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
builder.Services.AddSingleton<IInsightService>(sp => sp.GetRequiredService<DashboardConnection>());
builder.Services.AddSingleton(new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddSingleton<IReplayApi, ReplayApi>();
builder.Services.AddSingleton<IBrowserPreferences, BrowserPreferences>();
builder.Services.AddSingleton<OperatorPreferences>();
builder.Services.AddSingleton(_ => new ViewerTimeZone(TimeZoneInfo.Local));
builder.Services.AddSingleton<KeyboardShortcuts>();
builder.Services.AddSingleton<IBrowserNotifications, BrowserNotifications>();
builder.Services.AddSingleton<UpdateNotifier>();
var host = builder.Build();

// Before the first render: the remembered theme (no light flash before dark) and the viewer's zone.
var browser = await host.Services.GetRequiredService<OperatorPreferences>().LoadAsync();
host.Services.GetRequiredService<ViewerTimeZone>().Use(browser.TimeZone);
await host.RunAsync();
