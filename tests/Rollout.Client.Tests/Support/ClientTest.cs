using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Support;

/// <summary>bUnit with MudBlazor (no transitions), a fake clock and a fake dashboard service.</summary>
public abstract class ClientTest : BunitContext, IAsyncLifetime
{
    protected ClientTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IDashboardService>(Dashboard);
        Services.AddSingleton<IInsightService>(Insight);
        Services.AddSingleton<IReplayApi>(Replays);
        Clock = new DashboardClock(Time);
        Services.AddSingleton(Clock);
        Services.AddSingleton(new ViewerTimeZone(TimeZoneInfo.Utc));
        Services.AddSingleton<IBrowserPreferences>(Browser);
        Services.AddSingleton<OperatorPreferences>();
        Services.AddSingleton<KeyboardShortcuts>();
        Services.AddSingleton<IBrowserNotifications>(Notifications);
        Services.AddSingleton<UpdateNotifier>();
    }

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    protected FakeDashboardService Dashboard { get; } = new();

    protected FakeInsightService Insight { get; } = new();

    protected FakeReplayApi Replays { get; } = new();

    protected DashboardClock Clock { get; }

    protected FakeBrowserPreferences Browser { get; } = new();

    protected FakeBrowserNotifications Notifications { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
