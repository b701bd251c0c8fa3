using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Replay;

/// <summary>An update as far as its replay has gone: its events so far, and what queries report of it.</summary>
internal sealed class ReplayedUpdate(UpdateKey key)
{
    private UpdateStarted? _started;
    private int _instanceCount;
    private int _updated;
    private int _failed;
    private DateTimeOffset _lastModified;

    public UpdateKey Key { get; } = key;

    public List<UpdaterEvent> Journal { get; } = [];

    public UpdateStatus Status { get; private set; } = UpdateStatus.RollingForward;

    public void Add(UpdaterEvent e)
    {
        Journal.Add(e);
        if (e.Timestamp > _lastModified) _lastModified = e.Timestamp;
        switch (e)
        {
            case UpdateStarted started:
                _started = started;
                _instanceCount = started.InitialInstances.Concat(started.DesiredInstances).SelectMany(r => r.Ids()).Distinct().Count();
                break;
            case UpdateStatusChanged change:
                Status = change.Status;
                break;
            case InstanceActionRecorded { Action: InstanceAction.InstanceUpdated }:
                _updated++;
                break;
            case InstanceActionRecorded { Action: InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed }:
                _failed++;
                break;
        }
    }

    public UpdateSummary Summary() => new(
        Key, Status, _started?.User ?? string.Empty, _started?.DetectionStrategy ?? DetectionStrategy.Capabilities,
        _instanceCount, _updated, _failed, _started?.Timestamp ?? _lastModified, _lastModified);

    /// <summary>Null until the update's start has been replayed.</summary>
    public UpdateDetails? Details() => _started is null
        ? null
        : new UpdateDetails(Summary(), _started, Journal.OfType<UpdateStatusChanged>().ToList(), Journal.OfType<InstanceActionRecorded>().ToList());
}
