using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// Plays a case's upstream steps into the <see cref="LogScheduler"/>: each step becomes zero or more
/// events valid for the state the upstream is in, on a clock that only moves forward. Remembers the
/// state after every event so that a restart keeping a prefix of the log goes on from there.
/// </summary>
internal sealed class Simulation(LogScheduler upstream, DateTimeOffset start)
{
    public const int MaxUpdates = 3;

    public static readonly JobKey Job = new("www-data", "prop", "web");

    private readonly List<(TaskStatusUpdate Event, TaskLives After)> _status = [];
    private readonly List<(UpdaterEvent Event, Rollouts After)> _updater = [];
    private DateTimeOffset _now = start;
    private int _started;

    /// <summary>The views a browser may watch: the list and each update the case may start.</summary>
    public static IReadOnlyList<string> Views { get; } =
        [DashboardViews.List, .. Enumerable.Range(1, MaxUpdates).Select(i => DashboardKeys.Of(KeyOf(i)))];

    /// <summary>Events appended in this case, all epochs.</summary>
    public int Appended { get; private set; }

    private TaskLives Lives => _status.Count == 0 ? TaskLives.Initial : _status[^1].After;

    private Rollouts Updates => _updater.Count == 0 ? Rollouts.Initial : _updater[^1].After;

    public static UpdateKey KeyOf(int i) => new(Job, $"u{i}");

    /// <summary>Plays one upstream step; false if the step is not the upstream's.</summary>
    public bool Play(Step step)
    {
        var instance = step.A % TaskLives.InstanceCount;
        switch (step.Kind)
        {
            case StepKind.TaskAdvances:
                Append(Lives.Advance(Job, instance, step.B, Tick()));
                return true;
            case StepKind.TaskKilled:
                Append(Lives.Kill(Job, instance, step.B, Tick()));
                return true;
            case StepKind.UpdateStarts:
                Append(_started < MaxUpdates && Updates.Active is null ? Updates.Start(KeyOf(++_started), step.B, Tick) : Updates.ChangeStatus(step.B, Tick));
                return true;
            case StepKind.InstanceActs:
                Append(Updates.Act(instance, step.B, Lives.CurrentTask(instance), Tick));
                return true;
            case StepKind.UpdateStatusChanges:
                Append(Updates.ChangeStatus(step.B, Tick));
                return true;
            case StepKind.Pulsed:
                Append(Updates.Pulse(Tick));
                return true;
            case StepKind.StreamsCut:
                upstream.Cut();
                return true;
            case StepKind.UpstreamRestarts:
                Restart(step.A % 3, step.B);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A new epoch keeping all (0), a prefix of each stream (1: the first (B+1)/9 of each) or nothing
    /// (2). What a restart keeps is always a prefix, so what follows stays valid.
    /// </summary>
    private void Restart(int keep, int fraction)
    {
        int Kept(int count) => keep switch
        {
            0 => count,
            1 => count * ((fraction % 8) + 1) / 9,
            _ => 0,
        };

        _status.RemoveRange(Kept(_status.Count), _status.Count - Kept(_status.Count));
        _updater.RemoveRange(Kept(_updater.Count), _updater.Count - Kept(_updater.Count));
        var status = _status.Select(s => s.Event).ToHashSet(ReferenceEqualityComparer.Instance);
        var updater = _updater.Select(u => u.Event).ToHashSet(ReferenceEqualityComparer.Instance);
        upstream.Restart(status.Contains, updater.Contains);
    }

    private DateTimeOffset Tick() => _now = _now.AddSeconds(1);

    private void Append((TaskLives Next, TaskStatusUpdate Event) step)
    {
        _status.Add((step.Event, step.Next));
        upstream.Append(step.Event);
        Appended++;
    }

    private void Append((Rollouts Next, IReadOnlyList<UpdaterEvent> Events) step)
    {
        var before = Updates;
        foreach (var e in step.Events)
        {
            // The state moves with the step's last event: a restart keeping only part of the step goes on from before it.
            _updater.Add((e, ReferenceEquals(e, step.Events[^1]) ? step.Next : before));
            upstream.Append(e);
            Appended++;
        }
    }
}
