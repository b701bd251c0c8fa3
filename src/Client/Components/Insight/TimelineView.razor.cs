using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>
/// The update's timeline. The canvas's script draws; this side keeps the state (overview or one batch),
/// sends compact arrays after each render, and answers the script's hover and click points with
/// <see cref="TimelineLayout"/>'s hit tests, so no bar is a component.
/// </summary>
public sealed partial class TimelineView : IAsyncDisposable
{
    internal const string ModulePath = "./js/timeline.js";

    /// <summary>Batches up to this size list their instances in a select; bigger ones only on the canvas.</summary>
    internal const int MaxListedInstances = 2_000;

    private ElementReference _head;
    private ElementReference _body;
    private ElementReference _scroller;
    private ElementReference _sizer;
    private ElementReference _tooltip;
    private IJSObjectReference? _module;
    private DotNetObjectReference<TimelineView>? _self;
    private int _handle;
    private bool _dirty = true;
    private bool _disposed;
    private TimelineOverview? _seen;
    private TimelineDetail? _detail;
    private int? _openLane;
    private int? _loading;
    private int _loadVersion;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ILogger<TimelineView> Logger { get; init; }

    [Parameter, EditorRequired]
    public TimelineOverview Overview { get; set; } = TimelineOverview.Empty;

    /// <summary>Fetches one batch's per-instance bars when the operator drills into its lane.</summary>
    [Parameter]
    public Func<int, Task<TimelineDetail?>>? LoadDetail { get; set; }

    /// <summary>Raised when the operator picks one instance's bar.</summary>
    [Parameter]
    public EventCallback<int> InstanceSelected { get; set; }

    internal TimelineDetail? Detail => _detail;

    private string Summary => TimelineText.Summary(Overview, _detail);

    private IReadOnlyList<TimelineBatch>? OpenBatches =>
        _openLane is { } lane && lane < Overview.Lanes.Count ? TimelineText.BatchesOf(Overview, Overview.Lanes[lane]) : null;

    private List<TimelineBatch> RollbackBatches => [.. Overview.Batches.Where(b => b.Backward)];

    private TimelineMode Mode => _detail is null ? TimelineMode.Overview : TimelineMode.Detail;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_seen, Overview)) return;
        _seen = Overview;
        _dirty = true;
        if (_openLane >= Overview.Lanes.Count) _openLane = null;
        // A batch still rolling (or being rolled back) moves on with the overview: fetch its bars again, one fetch at a time.
        if (_detail is { } detail && _loading is null && Stale(detail))
        {
            _ = LoadAsync(detail.Batch.Index, keepCurrent: true);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) await StartAsync();
        if (_dirty) await PushAsync();
    }

    // The script reads these records' properties through JSON only: keep them when the app is trimmed.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TimelineOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TimelineFrame))]
    private async Task StartAsync()
    {
        try
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (_disposed)
            {
                await module.DisposeAsync();
                return;
            }

            _self = DotNetObjectReference.Create(this);
            var options = new TimelineOptions(TimelineLayout.LabelWidth, TimelineLayout.RightPad, TimelineLayout.LaneHeight, TimelineLayout.LanePitch,
                TimelineLayout.RowHeight, TimelineLayout.RowPitch, TimelineLayout.AxisHeight, TimelineLayout.BandTop, TimelineLayout.BandHeight,
                TimelineLayout.MarksTop, TimelineLayout.MarksHeight, TimelineText.PhaseCss, TimelineText.StatusCss, TimelineText.PausedTone,
                [.. TimelineLayout.StackOrder.Select(p => (byte)p)]);
            _handle = await module.InvokeAsync<int>("create", _head, _body, _scroller, _sizer, _tooltip, _self, options);
            if (_disposed)
            {
                await module.InvokeVoidAsync("dispose", _handle);
                await module.DisposeAsync();
                _self.Dispose();
                return;
            }

            _module = module;
            _dirty = true;
        }
        catch (JSDisconnectedException)
        {
            // The page is going away; nothing to draw.
        }
        catch (JSException e)
        {
            LogStartFailed(Logger, e);
        }
    }

    private async Task PushAsync()
    {
        if (_module is not { } module) return;
        _dirty = false;
        try
        {
            await module.InvokeVoidAsync("draw", _handle, TimelineFrame.Of(Overview, _detail));
        }
        catch (JSDisconnectedException)
        {
            // The page is going away; nothing to draw.
        }
        catch (JSException e)
        {
            _dirty = true; // the next render tries again
            LogDrawFailed(Logger, e);
        }
    }

    /// <summary>The hover text at a point: part 0 is the head, 1 the body (y in content coordinates, scrolling included).</summary>
    [JSInvokable]
    public string Describe(int part, double x, double y, double width)
    {
        var frame = TimelineFrame.Window(Overview, _detail);
        var layout = new TimelineLayout(width, frame.From, frame.To);
        if (part == 0) return TimelineText.HeadTip(Overview, layout.HeadAt(x, y, Overview));
        var ms = layout.MsAt(x);
        if (_detail is { } detail)
        {
            var row = TimelineLayout.IndexAt(TimelineMode.Detail, y, detail.InstanceIds.Length);
            if (row < 0) return string.Empty;
            var k = layout.InPlot(x) ? TimelineLayout.SegmentAt(detail, row, ms) : -1;
            return k >= 0 ? TimelineText.SegmentTip(detail, row, k) : $"#{detail.InstanceIds[row]}";
        }

        var lane = TimelineLayout.IndexAt(TimelineMode.Overview, y, Overview.Lanes.Count);
        var sample = layout.InPlot(x) ? TimelineLayout.SampleAt(Overview.SampleMs, ms) : -1;
        if (lane < 0) return string.Empty;
        return sample < 0 ? TimelineText.LaneLabel(Overview.Lanes[lane]) : TimelineText.LaneTip(Overview.Lanes[lane], sample, Overview.SampleMs[sample]);
    }

    /// <summary>A click on the body at content y: a lane drills down, an instance's row (bar or label) selects it.</summary>
    [JSInvokable]
    public Task Pick(double y) => InvokeAsync(async () =>
    {
        if (_detail is { } detail)
        {
            var row = TimelineLayout.IndexAt(TimelineMode.Detail, y, detail.InstanceIds.Length);
            if (row >= 0) await InstanceSelected.InvokeAsync(detail.InstanceIds[row]);
            return;
        }

        var lane = TimelineLayout.IndexAt(TimelineMode.Overview, y, Overview.Lanes.Count);
        if (lane >= 0) await PickLaneAsync(lane);
    });

    private async Task PickLaneAsync(int lane)
    {
        var batches = TimelineText.BatchesOf(Overview, Overview.Lanes[lane]);
        if (batches.Count == 1)
        {
            await DrillAsync(batches[0].Index);
            return;
        }

        _openLane = _openLane == lane || batches.Count == 0 ? null : lane;
        StateHasChanged();
    }

    private Task DrillAsync(int batchIndex) => LoadAsync(batchIndex, keepCurrent: false);

    private async Task LoadAsync(int batchIndex, bool keepCurrent)
    {
        if (LoadDetail is null) return;
        var version = ++_loadVersion;
        _loading = batchIndex;
        if (!keepCurrent) StateHasChanged();
        TimelineDetail? detail = null;
        try
        {
            detail = await LoadDetail(batchIndex);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLoadFailed(Logger, batchIndex, e);
        }

        // Back, or another batch, since this one was asked for: its answer is stale.
        if (version != _loadVersion || _disposed) return;
        _loading = null;
        if (detail is not null || !keepCurrent) _detail = detail;
        _openLane = null;
        _dirty = true;
        await InvokeAsync(StateHasChanged);
    }

    private Task BackAsync()
    {
        _loadVersion++;
        _loading = null;
        _detail = null;
        _dirty = true;
        return Task.CompletedTask;
    }

    private Task SelectInstanceAsync(ChangeEventArgs e) =>
        int.TryParse(e.Value?.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? InstanceSelected.InvokeAsync(id)
            : Task.CompletedTask;

    private bool Stale(TimelineDetail detail) =>
        detail.EndMs < Overview.EndMs
        && (detail.Batch.EndMs is null || Overview.Batches.Any(b => b.Backward && (b.EndMs is null || b.EndMs > detail.EndMs)));

    private static string DetailTimes(TimelineDetail detail) =>
        $"started {TimelineText.Relative(detail.Batch.StartMs)}{(detail.Batch.EndMs is { } end ? $", ended {TimelineText.Relative(end)}" : ", still rolling")}";

    [LoggerMessage(Level = LogLevel.Error, Message = "The timeline's script failed to start; the timeline stays empty")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The timeline's script failed to draw; the next change draws again")]
    private static partial void LogDrawFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading batch {Batch} of the timeline failed")]
    private static partial void LogLoadFailed(ILogger logger, int batch, Exception exception);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var module = _module;
        _module = null;
        await CanvasModule.DisposeAsync(module, _handle);

        _self?.Dispose();
    }
}
