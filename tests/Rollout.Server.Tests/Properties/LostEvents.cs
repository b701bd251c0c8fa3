using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// Which events of the upstream's true log the server's published state does not reflect. An event
/// counts as reflected when its effect is there or a later true event of the same thing replaced it
/// (a later action of the instance, a later task); status events of an instance no update shows are
/// not observable and not counted.
/// </summary>
internal static class LostEvents
{
    public static IReadOnlyList<string> Find(DashboardModel model, IReadOnlyList<TaskStatusUpdate> status, IReadOnlyList<UpdaterEvent> updater)
    {
        var published = model.Published;
        var lost = new List<string>();
        var latestTask = status.GroupBy(s => (s.Job, s.InstanceId)).ToDictionary(g => g.Key, g => g.Last().TaskId);
        foreach (var e in status)
        {
            var shown = published.Updates.Values.Where(u => u.Header.Job == e.Job).Select(u => u.Instance(e.InstanceId)).FirstOrDefault(i => i is not null);
            if (shown is null) continue; // no view shows the instance
            var track = shown.Track;
            var reflected = track is not null && (track.TaskId == e.TaskId
                ? track.History.Contains(e)
                : latestTask[(e.Job, e.InstanceId)] == track.TaskId && (!e.State.IsTerminal() || track.Ended.Any(x => x.TaskId == e.TaskId && x.State == e.State)));
            if (!reflected) lost.Add($"status {e.TaskId} {e.State} at {HeaderRow.Time(e.Timestamp)}");
        }

        var lastOfInstance = updater.Where(e => e is InstanceActionRecorded or GatingDecisionMade)
            .GroupBy(e => (e.Update, e.GetType(), Instance: e is InstanceActionRecorded a ? a.InstanceId : ((GatingDecisionMade)e).InstanceId))
            .ToDictionary(g => g.Key, g => g.Last());
        foreach (var e in updater)
        {
            var update = published.Updates.GetValueOrDefault(DashboardKeys.Of(e.Update));
            var reflected = update is not null && e switch
            {
                UpdateStarted s => update.Header.Created == s.Timestamp && update.Header.User == s.User,
                UpdateStatusChanged c => update.History.Contains(new StatusChangeView(c.Timestamp, c.Status, c.User, c.Message)),
                InstanceActionRecorded a => !ReferenceEquals(lastOfInstance[(a.Update, a.GetType(), a.InstanceId)], a) || update.Instance(a.InstanceId)?.State.Action == a,
                GatingDecisionMade d => !ReferenceEquals(lastOfInstance[(d.Update, d.GetType(), d.InstanceId)], d) || update.Instance(d.InstanceId)?.State.Decision == d,
                PulseReceived p => update.Header.PulseDeadline >= p.Deadline,
                _ => true,
            };
            if (!reflected) lost.Add($"updater {e.GetType().Name} of {DashboardKeys.Of(e.Update)} at {HeaderRow.Time(e.Timestamp)}");
        }

        return lost;
    }
}
