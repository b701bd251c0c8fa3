using System.Globalization;
using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>
/// Every instance, sortable and filterable, virtualized. Sorting and filtering thousands of rows is
/// the costly part of a render, so a large table takes the streamed changes at most once a second;
/// the grid above it shows every change as it comes.
/// </summary>
public sealed partial class InstanceTable : IDisposable
{
    /// <summary>Up to this many rows the table follows every change.</summary>
    public const int LiveRows = 500;

    private static readonly TimeSpan LargeRefresh = TimeSpan.FromSeconds(1);

    private InstanceView[] _items = [];
    private string _search = string.Empty;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private int? _selectedShown;
    private ITimer? _deferred;
    private bool _render = true;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter]
    public IReadOnlyList<InstanceView> Instances { get; set; } = [];

    [Parameter]
    public int WatchSecs { get; set; }

    [Parameter]
    public int? Selected { get; set; }

    [Parameter]
    public EventCallback<int> OnSelect { get; set; }

    protected override void OnParametersSet()
    {
        var now = Time.GetUtcNow();
        if (Instances.Count <= LiveRows || _items.Length != Instances.Count || Selected != _selectedShown || now - _refreshedAt >= LargeRefresh)
        {
            Refresh(now);
        }
        else
        {
            _deferred ??= Time.CreateTimer(_ => InvokeAsync(RefreshLate), null, LargeRefresh - (now - _refreshedAt), Timeout.InfiniteTimeSpan);
        }
    }

    protected override bool ShouldRender() => _render;

    protected override void OnAfterRender(bool firstRender) => _render = false;

    private void Refresh(DateTimeOffset now)
    {
        _items = [.. Instances];
        _refreshedAt = now;
        _selectedShown = Selected;
        _render = true;
    }

    private void RefreshLate()
    {
        _deferred?.Dispose();
        _deferred = null;
        Refresh(Time.GetUtcNow());
        StateHasChanged();
    }

    private void Search(string? text)
    {
        _search = text ?? string.Empty;
        _render = true;
    }

    private bool Matches(InstanceView i)
    {
        if (string.IsNullOrWhiteSpace(_search)) return true;
        var s = _search.Trim();
        return i.InstanceId.ToString(CultureInfo.InvariantCulture) == s
            || i.Host.Contains(s, StringComparison.OrdinalIgnoreCase)
            || (i.TaskStatus?.WireName().Contains(s, StringComparison.OrdinalIgnoreCase) ?? false)
            || i.ExecutorVersion.DisplayName().Contains(s, StringComparison.OrdinalIgnoreCase)
            || i.GatingMode.WireName().Contains(s, StringComparison.OrdinalIgnoreCase)
            || Display.ModeText(i.GatingMode).Contains(s, StringComparison.OrdinalIgnoreCase)
            || Display.ActionText(i.UpdateAction).Contains(s, StringComparison.OrdinalIgnoreCase)
            || i.Hazards.Any(h => h.Contains(s, StringComparison.OrdinalIgnoreCase))
            || i.Capabilities.Concat(i.UnknownCapabilities).Any(c => c.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _deferred?.Dispose();
}
