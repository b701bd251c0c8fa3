using Microsoft.AspNetCore.Components;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Pages;

/// <summary>One update, live: this page watches that update's view only, and draws at most ten times a second.</summary>
public sealed partial class UpdatePage : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LargeRenderInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Past this many instances a redraw costs enough that four a second is plenty.</summary>
    private const int LargeUpdate = 1000;

    private ColorBy _colorBy = ColorBy.UpdateAction;
    private int? _selected;
    private bool _closed;
    private string? _watching;
    private RenderThrottle? _throttle;
    private bool _render = true;
    private bool _belowTheGrid;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter]
    public string Role { get; set; } = string.Empty;

    [Parameter]
    public string Env { get; set; } = string.Empty;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    /// <summary>Deep link to one instance: ?instance=3.</summary>
    [SupplyParameterFromQuery(Name = "instance")]
    public int? InstanceQuery { get; set; }

    private string Key => DashboardKeys.Of(new UpdateKey(new JobKey(Role, Env, Name), Id));

    private UpdateView? Update => Dashboard.Store.Shows(Key) ? Dashboard.Store.Update(Key) : null;

    private IReadOnlyList<InstanceView> Instances => Dashboard.Store.Shows(Key) ? Dashboard.Store.Instances : [];

    /// <summary>
    /// The table, history and events wait until the first snapshot's rows are all in: the header and
    /// grid come first, and a later resnapshot keeps them (and the table's sort and filter).
    /// </summary>
    private bool ShowsBelowTheGrid => _belowTheGrid |= !Dashboard.Store.Filling;

    private int? Selected => _selected ?? (_closed ? null : InstanceQuery);

    private InstanceView? SelectedInstance => Selected is { } id ? Find(id) : null;

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(Time, () => Instances.Count > LargeUpdate ? LargeRenderInterval : RenderInterval, () => InvokeAsync(() =>
        {
            _render = true;
            StateHasChanged();
        }));
        Dashboard.Store.Changed += _throttle.Request;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_watching == Key) return;
        _watching = Key;
        _belowTheGrid = false;
        _selected = null;
        _closed = false;
        await Dashboard.WatchUpdateAsync(Key);
    }

    // Store changes render through the throttle; user actions and parameters render at once.
    protected override bool ShouldRender() => _render;

    protected override void OnAfterRender(bool firstRender) => _render = false;

    private void Select(int instanceId)
    {
        _selected = instanceId;
        _render = true;
    }

    private void Close()
    {
        _selected = null;
        _closed = true;
        _render = true;
    }

    private void ColorByChanged(ColorBy value)
    {
        _colorBy = value;
        _render = true;
    }

    private InstanceView? Find(int id)
    {
        var instances = Instances;
        int lo = 0, hi = instances.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var at = instances[mid].InstanceId;
            if (at == id) return instances[mid];
            if (at < id) lo = mid + 1;
            else hi = mid - 1;
        }

        return null;
    }

    public void Dispose()
    {
        if (_throttle is null) return;
        Dashboard.Store.Changed -= _throttle.Request;
        _throttle.Dispose();
    }
}
