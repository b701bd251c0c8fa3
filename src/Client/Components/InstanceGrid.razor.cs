using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>
/// The instance grid: the markup is a canvas rendered once; tiles go to the canvas's script as compact
/// arrays, first in full and then as patches of just the tiles that changed, so a streaming rollout
/// of 10,000 instances rebuilds neither DOM nor canvas.
/// </summary>
public sealed partial class InstanceGrid : IAsyncDisposable
{
    internal const string ModulePath = "./js/instance-grid.js";

    private static int _instancesCreated;

    private readonly TileDiff _tiles = new();
    private readonly string _summaryId = $"instance-grid-summary-{Interlocked.Increment(ref _instancesCreated)}";
    private ElementReference _canvas;
    private ElementReference _announcer;
    private ElementReference _tooltip;
    private string _summary = string.Empty;
    private string? _renderedSummary;
    private IJSObjectReference? _module;
    private DotNetObjectReference<InstanceGrid>? _self;
    private int _handle;
    private int? _sentSelected;
    private bool _selectedKnown;
    private bool _disposed;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ILogger<InstanceGrid> Logger { get; init; }

    [Parameter]
    public IReadOnlyCollection<InstanceView> Instances { get; set; } = [];

    [Parameter]
    public ColorBy ColorBy { get; set; }

    /// <summary>The update has ended: tooltips say "not touched" for instances it never acted on.</summary>
    [Parameter]
    public bool UpdateFinished { get; set; }

    [Parameter]
    public int? Selected { get; set; }

    [Parameter]
    public EventCallback<int> OnSelect { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Diff even before the script is ready: the first push then sends the latest full state.
        var change = _tiles.Update(Instances, ColorBy);
        _summary = Summary(_tiles.Count, _tiles.HazardCount);
        if (_module is null) return;
        await PushAsync(change);
    }

    // The only markup that depends on the data is the summary; everything else lives in the canvas.
    protected override bool ShouldRender()
    {
        if (_renderedSummary == _summary) return false;
        _renderedSummary = _summary;
        return true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _renderedSummary = _summary;
        try
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (_disposed)
            {
                await module.DisposeAsync();
                return;
            }

            _self = DotNetObjectReference.Create(this);
            var options = new
            {
                tile = GridLayout.Tile,
                pitch = GridLayout.Pitch,
                palette = TilePalette.Css,
                announcer = _announcer,
                tooltip = _tooltip,
            };
            _handle = await module.InvokeAsync<int>("create", _canvas, _self, options);
            if (_disposed)
            {
                // Disposed while the script started: DisposeAsync found nothing to release yet.
                await module.InvokeVoidAsync("dispose", _handle);
                await module.DisposeAsync();
                _self.Dispose();
                return;
            }

            _module = module;

            // A new canvas starts with nothing selected.
            _sentSelected = null;
            _selectedKnown = true;
            await PushAsync(_tiles.Full());
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

    /// <summary>The hover and focus text for one tile, computed only when the script asks.</summary>
    [JSInvokable]
    public string TooltipFor(int instanceId) => _tiles.Find(instanceId) is { } instance ? Tooltip(instance, UpdateFinished) : string.Empty;

    /// <summary>A click, Enter or Space on a tile.</summary>
    [JSInvokable]
    public Task Select(int instanceId) => OnSelect.InvokeAsync(instanceId);

    internal static string Tooltip(InstanceView i, bool updateFinished) =>
        $"#{i.InstanceId} {i.TaskStatus?.WireName() ?? "no task"} on {(i.Host.Length > 0 ? i.Host : "?")}\n" +
        $"executor {i.ExecutorVersion.DisplayName()}, {Display.ModeText(i.GatingMode)}, {Display.HealthWithProgress(i)}\n" +
        $"{Display.ActionText(i.UpdateAction, updateFinished)}{(i.Hazards.Count > 0 ? "\n⚠ " + string.Join("; ", i.Hazards) : "")}";

    internal static string Summary(int count, int hazards) =>
        $"{count} instance{(count == 1 ? "" : "s")}{(hazards > 0 ? $", {hazards} with hazards" : "")}. " +
        "Arrow keys move between instances; Enter opens one.";

    private async Task PushAsync(TileChange change)
    {
        if (_module is not { } module) return;
        try
        {
            // Each call leaves in order before the first await, so patches never overtake a full set.
            var tiles = change.Kind switch
            {
                TileChangeKind.Full => module.InvokeVoidAsync("setTiles", _handle, CanvasModule.Int32Bytes(change.Ids), change.Colors, change.Marks),
                TileChangeKind.Patch => module.InvokeVoidAsync("patch", _handle, CanvasModule.Int32Bytes(change.Positions), change.Colors, change.Marks),
                _ => ValueTask.CompletedTask,
            };
            var selected = ValueTask.CompletedTask;
            if (!_selectedKnown || Selected != _sentSelected)
            {
                _sentSelected = Selected;
                _selectedKnown = true;
                selected = module.InvokeVoidAsync("setSelected", _handle, Selected);
            }

            await tiles;
            await selected;
        }
        catch (JSDisconnectedException)
        {
            // The page is going away; nothing to draw.
        }
        catch (JSException e)
        {
            // A drawing failure must not take the page down; the canvas may have missed this change,
            // so the next push sends everything.
            _tiles.Invalidate();
            _selectedKnown = false;
            LogPushFailed(Logger, e);
        }
    }


    [LoggerMessage(Level = LogLevel.Error, Message = "The instance grid's script failed to start; the grid stays empty")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The instance grid's script failed to take an update; the next one resends every tile")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var module = _module;
        _module = null;
        await CanvasModule.DisposeAsync(module, _handle);

        _self?.Dispose();
    }
}
