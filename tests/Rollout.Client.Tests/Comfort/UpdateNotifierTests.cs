using Microsoft.Extensions.Logging.Abstractions;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

public sealed class UpdateNotifierTests : IDisposable
{
    private const string Other = "mail/prod/relay#relay-1";

    private readonly FakeDashboardService _dashboard = new();
    private readonly FakeBrowserPreferences _browser = new();
    private readonly FakeBrowserNotifications _notifications = new();
    private readonly OperatorPreferences _preferences;
    private readonly UpdateNotifier _notifier;
    private long _version = 1;

    public UpdateNotifierTests()
    {
        _preferences = new OperatorPreferences(_browser);
        _notifier = new UpdateNotifier(_dashboard, _preferences, _notifications, NullLogger<UpdateNotifier>.Instance);
    }

    private static UpdateView Relay(UpdateStatus status) =>
        Views.Update(status) with { Key = Other, Job = new JobKey("mail", "prod", "relay"), UpdateId = "relay-1" };

    private static readonly ClockSync Sync = new(Views.T0, 0);

    private void ShowList(params UpdateView[] updates) =>
        _dashboard.Store.Load(new ListSnapshot("e1", _version = 1, Sync, ConnectionView.Initial, updates));

    private void Change(params UpdateView[] updates)
    {
        var batch = new DeltaBatch(DashboardViews.List, "e1", _version, _version + 1, null, null, updates, [], InstanceRowCodec.Encode([]), [], []);
        _version++;
        Assert.Equal(DeltaOutcome.Applied, _dashboard.Store.Apply(batch));
    }

    private void ShowUpdate(UpdateView update) =>
        _dashboard.Store.Load(update.Key, new UpdateSnapshot("e1", 1, Sync, ConnectionView.Initial, update, InstanceRowCodec.Encode([]), [], []));

    [Fact]
    public async Task StoreChange_OpenUpdatePauses_Notifies()
    {
        await _preferences.SetNotificationsAsync(true);
        _notifier.Start();
        _notifier.Open = Views.Key;
        ShowUpdate(Views.Update(UpdateStatus.RollingForward));

        ShowUpdate(Views.Update(UpdateStatus.RollForwardPaused));

        var notice = Assert.Single(_notifications.Shown);
        Assert.Equal("www-data/prod/web #web-1 paused", notice.Title);
    }

    [Fact]
    public async Task StoreChange_StarredUpdateOnTheListFinishes_NotifiesOnlyForIt()
    {
        await _preferences.SetNotificationsAsync(true);
        await _preferences.ToggleStarAsync(Other);
        _notifier.Start();
        ShowList(Views.Update(UpdateStatus.RollingForward), Relay(UpdateStatus.RollingForward));

        Change(Views.Update(UpdateStatus.RolledForward), Relay(UpdateStatus.RolledForward));

        var notice = Assert.Single(_notifications.Shown);
        Assert.Equal("mail/prod/relay #relay-1 finished: rolled forward", notice.Title);
    }

    [Fact]
    public async Task StoreChange_NotificationsOff_ShowsNothing()
    {
        await _preferences.ToggleStarAsync(Views.Key);
        _notifier.Start();
        ShowList(Views.Update(UpdateStatus.RollingForward));

        Change(Views.Update(UpdateStatus.Failed));

        Assert.Empty(_notifications.Shown);
    }

    [Fact]
    public async Task StoreChange_FirstSightOfAPausedUpdate_ShowsNothing()
    {
        await _preferences.SetNotificationsAsync(true);
        _notifier.Start();
        _notifier.Open = Views.Key;

        ShowUpdate(Views.Update(UpdateStatus.RollForwardPaused));

        Assert.Empty(_notifications.Shown);
    }

    [Fact]
    public async Task StoreChange_StarredUpdateChangedWhileAnotherPageWasOpen_NotifiesWhenTheListShowsIt()
    {
        await _preferences.SetNotificationsAsync(true);
        await _preferences.ToggleStarAsync(Other);
        _notifier.Start();
        ShowList(Views.Update(UpdateStatus.RollingForward), Relay(UpdateStatus.RollingForward));
        ShowUpdate(Views.Update(UpdateStatus.RollingForward));
        Assert.Empty(_notifications.Shown);

        ShowList(Views.Update(UpdateStatus.RollingForward), Relay(UpdateStatus.RollingBack));

        Assert.Equal(NoticeKind.RollingBack, Assert.Single(_notifications.Shown).Kind);
    }

    [Fact]
    public async Task StoreChange_SameStatusAgain_NotifiesOnce()
    {
        await _preferences.SetNotificationsAsync(true);
        _notifier.Start();
        _notifier.Open = Views.Key;
        ShowUpdate(Views.Update(UpdateStatus.RollingForward));

        ShowUpdate(Views.Update(UpdateStatus.Failed));
        ShowUpdate(Views.Update(UpdateStatus.Failed) with { UpdatedCount = 2 });

        Assert.Single(_notifications.Shown);
    }

    public void Dispose() => _notifier.Dispose();
}
