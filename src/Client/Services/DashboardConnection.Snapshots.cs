using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Services;

/// <summary>The watched view: snapshots, ordered deltas, and resnapshots when they stop fitting.</summary>
public sealed partial class DashboardConnection
{
    /// <summary>About 20 ms of decoding in the browser's interpreter: short enough never to be felt.</summary>
    private const int SliceRows = 1000;

    /// <summary>Snapshots taken in a row before giving up until the next trigger (a delta, a reconnect).</summary>
    private const int MaxRounds = 5;

    private readonly List<DeltaBatch> _pending = [];
    private string? _view;
    private bool _resyncing;

    /// <summary>Set while a snapshot is in flight: one more round is needed once it is in, and why.</summary>
    private SnapshotReason? _again;

    private Task WatchAsync(string view)
    {
        if (_view == view && _store.Shows(view)) return Task.CompletedTask;
        _view = view;
        return ResyncAsync(SnapshotReason.View);
    }

    private async Task OnDeltasAsync(DeltaBatch batch)
    {
        if (_stop.IsCancellationRequested) return;
        if (_resyncing)
        {
            _pending.Add(batch);
            return;
        }

        var reason = WhyNotFitting(batch);
        DeltaOutcome outcome;
        try
        {
            outcome = await ApplyAsync(batch);
            _failures.Succeeded(Operations.Batch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failures.Failed(Operations.Batch, ex);
            outcome = DeltaOutcome.NeedsSnapshot; // unreadable is as good as missed
        }

        if (outcome == DeltaOutcome.NeedsSnapshot) await ResyncAsync(reason);
    }

    private SnapshotReason WhyNotFitting(DeltaBatch batch) => batch.Epoch != _store.Epoch ? SnapshotReason.NewEpoch : SnapshotReason.Gap;

    /// <summary>
    /// Applies one batch, decoding its rows in slices when there are many: the client awaits each
    /// handler before the next message, so batches stay in order while the page draws in between.
    /// </summary>
    private async Task<DeltaOutcome> ApplyAsync(DeltaBatch batch)
    {
        var rows = _store.Fits(batch) ? await RowSlices.DecodeAsync(batch.Rows, SliceRows) : [];
        var outcome = _store.Apply(batch, rows);
        if (outcome == DeltaOutcome.Applied && batch.Clock is { } sync) _clock.Sync(sync);
        return outcome;
    }

    private Task OnFellBehindAsync(string reason) =>
        _stop.IsCancellationRequested ? Task.CompletedTask : ResyncAsync(SnapshotReason.FellBehind);

    private async Task ResyncAsync(SnapshotReason reason)
    {
        if (_stop.IsCancellationRequested || _hub is not { State: HubConnectionState.Connected } || _view is null) return;
        if (_resyncing)
        {
            _again = Either(_again, reason); // the view changed, or another gap: one more round once this one is done
            return;
        }

        _resyncing = true;
        SnapshotReason? next = reason;
        SnapshotReason? asked = null;
        try
        {
            // Deltas that arrived meanwhile are replayed; if they show a gap or a newer epoch
            // the snapshot is already stale, so take another (a few times at most).
            for (var round = 0; next is { } why && round < MaxRounds; round++)
            {
                _again = null;
                var retake = await LoadSnapshotAndReplayAsync(why);
                next = Either(_again, retake);
            }

            if (next is null) _failures.Succeeded(Operations.Snapshot);
            else _failures.Failed(Operations.Snapshot, $"still not current after {MaxRounds} snapshots in a row");
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Logged; the next delta (a gap) or the reconnect handlers take another.
            _failures.Failed(Operations.Snapshot, ex);
            asked = _again; // a new connection asked for a snapshot while this one failed: it must not be lost
        }
        finally
        {
            _pending.Clear();
            _resyncing = false;
        }

        if (asked is { } again)
        {
            _again = null;
            await ResyncAsync(again);
        }
    }

    /// <summary>A new view outranks a resnapshot of the old one; otherwise the first reason stands.</summary>
    private static SnapshotReason? Either(SnapshotReason? first, SnapshotReason? second) =>
        first == SnapshotReason.View || second == SnapshotReason.View ? SnapshotReason.View : first ?? second;

    /// <returns>Null when the view is current; otherwise why another snapshot is needed.</returns>
    private async Task<SnapshotReason?> LoadSnapshotAndReplayAsync(SnapshotReason reason)
    {
        var view = _view!;
        var epochBefore = _store.Epoch;
        string epoch;
        if (view == DashboardViews.List)
        {
            var snapshot = await _hub!.InvokeAsync<ListSnapshot>(nameof(IDashboardHub.SubscribeList), _stop);
            if (view != _view) return SnapshotReason.View;
            SnapshotTaken(view, reason); // counted before it shows: whoever sees it sees the count too
            _store.Load(snapshot);
            _clock.Sync(snapshot.Clock);
            epoch = snapshot.Epoch;
        }
        else
        {
            var snapshot = await _hub!.InvokeAsync<UpdateSnapshot>(nameof(IDashboardHub.SubscribeUpdate), view, _stop);
            if (view != _view) return SnapshotReason.View;

            // The header shows at once; 10,000 rows follow in slices, each its own browser task drawn
            // as it comes, so the page never freezes on them.
            SnapshotTaken(view, reason);
            _store.Begin(view, snapshot);
            _clock.Sync(snapshot.Clock);
            epoch = snapshot.Epoch;
            foreach (var slice in InstanceRowCodec.DecodeInSlices(snapshot.Rows, SliceRows))
            {
                await Task.Delay(1);
                if (view != _view) return SnapshotReason.View;
                _store.AddRows(slice);
            }

            _store.EndRows();
        }

        // Replaying a large batch yields to the page, and more may arrive meanwhile: drain until none is left.
        while (_pending.Count > 0)
        {
            var pending = _pending.Where(b => b.View == view).OrderBy(b => b.Version).ToList();
            _pending.Clear();

            // A batch from neither the old epoch nor the snapshot's is newer than the snapshot: take another.
            if (pending.Exists(b => b.Epoch != epoch && b.Epoch != epochBefore)) return SnapshotReason.NewEpoch;
            foreach (var batch in pending.Where(b => b.Epoch == epoch))
            {
                if (await ApplyAsync(batch) == DeltaOutcome.NeedsSnapshot) return SnapshotReason.Gap;
            }
        }

        return null;
    }

    private void SnapshotTaken(string view, SnapshotReason reason)
    {
        Counts = Counts.SnapshotTaken(reason);
        if (reason != SnapshotReason.View)
        {
            LogResnapshot(_logger, view, reason, Counts.Resnapshots, Counts.Gaps, Counts.NewEpochs, Counts.FellBehind, Counts.AfterReconnect);
        }

        StateChanged?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Fresh snapshot of {View} ({Reason}); resnapshots so far {Resnapshots}: gap {Gaps}, new epoch {NewEpochs}, fell behind {FellBehind}, reconnect {AfterReconnect}")]
    private static partial void LogResnapshot(ILogger logger, string view, SnapshotReason reason, int resnapshots, int gaps, int newEpochs, int fellBehind, int afterReconnect);
}
