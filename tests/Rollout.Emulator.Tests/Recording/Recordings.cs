using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Recording;

/// <summary>Recordings taken from an engine's own logs, as a dashboard subscribed before the update would journal them.</summary>
internal static class Recordings
{
    /// <summary>
    /// A finished rollout of <paramref name="instances"/> instances on virtual time: each instance's
    /// state before the update (prior), then both logs' events of the update merged by time (updater
    /// first on a tie), as two streams could arrive.
    /// </summary>
    public static UpdateRecording Rollout(int instances = 4, double vCurrentFraction = 0.5)
    {
        using var h = new EngineHarness(seed: 7);
        var job = h.Job("web", instances, vCurrentFraction);
        h.Run(TimeSpan.FromSeconds(20));
        var key = h.Update(job, new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 20 });
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
        return Of(h, key);
    }

    public static UpdateRecording Of(EngineHarness h, UpdateKey key)
    {
        var updater = h.UpdaterEvents().Select(e => e.Item).Where(e => e.Update == key).ToList();
        var start = updater.OfType<UpdateStarted>().Single().Timestamp;
        var status = h.StatusUpdates().Select(e => e.Item).Where(u => u.Job == key.Job).ToList();

        var events = new List<RecordedEvent>();
        foreach (var prior in status.Where(u => u.Timestamp < start).GroupBy(u => u.InstanceId).OrderBy(g => g.Key))
            events.Add(new RecordedStatus(prior.Last(), Prior: true));

        var during = status.Where(u => u.Timestamp >= start).ToList();
        int s = 0, u = 0;
        while (s < during.Count || u < updater.Count)
        {
            if (u < updater.Count && (s == during.Count || updater[u].Timestamp <= during[s].Timestamp)) events.Add(new RecordedUpdater(updater[u++]));
            else events.Add(new RecordedStatus(during[s++]));
        }

        return new UpdateRecording(key, h.Time.GetUtcNow(), events);
    }
}
