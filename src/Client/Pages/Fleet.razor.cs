using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Fleet;
using Rollout.Domain.Insight;

namespace Rollout.Client.Pages;

/// <summary>The executor fleet: fetched on open and every <see cref="RefreshEvery"/> while the page is shown.</summary>
public sealed partial class Fleet : IAsyncDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private const int ChartWidth = 600;
    private const int ChartHeight = 80;

    private ITimer? _timer;
    private int _fetching;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private FleetView? View { get; set; }

    private bool Failed { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await Dashboard.StartAsync();
        await Dashboard.WatchListAsync(); // the list is small, and it keeps the connection banner current
        await RefreshAsync();
        _timer = Time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, RefreshEvery, RefreshEvery);
    }

    /// <summary>One fetch at a time; a failed one keeps the last view shown.</summary>
    private async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _fetching, 1) == 1) return;
        try
        {
            var fleet = await Dashboard.GetFleetAsync();
            Failed = fleet is null;
            if (fleet is not null) View = fleet;
            StateHasChanged();
        }
        finally
        {
            Volatile.Write(ref _fetching, 0);
        }
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");

    private static string UpdateLink(string updateKey) =>
        DashboardKeys.Parse(updateKey) is { } key
            ? $"/updates/{Uri.EscapeDataString(key.Job.Role)}/{Uri.EscapeDataString(key.Job.Environment)}/{Uri.EscapeDataString(key.Job.Name)}/{Uri.EscapeDataString(key.Id)}"
            : "/";

    private static string Instances(AttentionItem item)
    {
        if (item.InstanceCount == 0) return string.Empty;
        var shown = string.Join(", ", item.Instances);
        return item.InstanceCount > item.Instances.Count ? $"{shown} and {item.InstanceCount - item.Instances.Count} more" : shown;
    }

    private static string KindText(AttentionKind kind) => kind switch
    {
        AttentionKind.UpdateFailed => "update failed",
        AttentionKind.Hazard => "hazard",
        AttentionKind.FailedInstances => "failed instances",
        AttentionKind.Paused => "paused",
        _ => "awaiting pulse",
    };

    private static Color KindColor(AttentionKind kind) => kind switch
    {
        AttentionKind.UpdateFailed or AttentionKind.Hazard or AttentionKind.FailedInstances => Color.Error,
        _ => Color.Warning,
    };

    /// <summary>The samples as polyline points: time across, share (0..1) up.</summary>
    internal static string Points(IReadOnlyList<AdoptionPoint> samples, Func<AdoptionPoint, double> share)
    {
        var first = samples[0].At;
        var span = Math.Max(1, (samples[^1].At - first).TotalSeconds);
        return string.Join(' ', samples.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{(p.At - first).TotalSeconds / span * ChartWidth:0.#},{(1 - share(p)) * ChartHeight:0.#}")));
    }

    internal static string AdoptionSummary(IReadOnlyList<AdoptionPoint> samples)
    {
        var (first, last) = (samples[0], samples[^1]);
        return $"over {DurationText.Format(last.At - first.At)}: vCurrent hosts {Percent(first.VCurrentShare)} → {Percent(last.VCurrentShare)}, "
            + $"health-gated instances {Percent(first.HealthGatedShare)} → {Percent(last.HealthGatedShare)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null) await _timer.DisposeAsync();
    }
}
