using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>"live", "reconnecting since …", "upstream lost, data N s old": ticks every second while not live.</summary>
public sealed partial class ConnectionBanner : IDisposable
{
    private ITimer? _timer;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter]
    public ConnectionView Connection { get; set; } = ConnectionView.Initial;

    [Parameter]
    public HubState Hub { get; set; }

    private string Since => Connection.Since?.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "?";

    protected override void OnInitialized() =>
        _timer = Time.CreateTimer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    private string Age(DateTimeOffset? at) =>
        at is { } t ? $"{Math.Max(0, (Time.GetUtcNow() - t).TotalSeconds):F0} s" : "unknown";

    public void Dispose() => _timer?.Dispose();
}
