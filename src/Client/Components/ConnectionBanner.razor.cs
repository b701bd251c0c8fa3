using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>
/// "live", "reconnecting since …" or "upstream lost, data N s old" (both marked stale), and how often the
/// upstream reconnected or sent what was refused: ages on the page's clock, against the server's time.
/// </summary>
public sealed partial class ConnectionBanner : IDisposable
{
    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    [Parameter]
    public ConnectionView Connection { get; set; } = ConnectionView.Initial;

    [Parameter]
    public HubState Hub { get; set; }

    /// <summary>This browser's reconnects and resnapshots (how often it fell behind and caught up among them).</summary>
    [Parameter]
    public ConnectionCounts Counts { get; set; } = ConnectionCounts.None;

    private string UpstreamCounts =>
        $"{Connection.Reconnects} reconnect(s), {Connection.Snapshots} snapshot(s), {Connection.RejectedEvents} event(s) refused, {Connection.BadMessages} unreadable";

    private string StaleText => Connection.LastEventAt is null ? "stale: no event yet" : $"stale: last event {Age(Connection.LastEventAt)} ago";

    private string Since => Connection.Since is { } since ? TimeText.Local(since, Viewer.Zone) : "?";

    private string? SinceUtc => Connection.Since is { } since ? TimeText.Utc(since) : null;

    private string ReconnectsTip =>
        $"The connection to the dashboard server dropped and came back {Counts.Reconnects} time(s); each time the page reloaded a fresh snapshot ({Counts.AfterReconnect} so far).";

    private string ResnapshotsTip =>
        $"Fresh snapshots taken because an update was missed ({Counts.Gaps}) or the server's state restarted ({Counts.NewEpochs}): what is shown is complete.";

    protected override void OnInitialized() => Clock.Tick += Refresh;

    // Connection times are the server's clock, so ages are measured against it, not the browser's.
    private string Age(DateTimeOffset? at) =>
        at is { } t ? $"{Math.Max(0, (Clock.ServerNow - t).TotalSeconds):F0} s" : "unknown";

    private void Refresh() => InvokeAsync(StateHasChanged);

    public void Dispose() => Clock.Tick -= Refresh;
}
