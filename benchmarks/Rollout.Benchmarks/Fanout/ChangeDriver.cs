using System.Diagnostics;
using Rollout.Benchmarks.Firehose;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Fanout;

/// <summary>
/// Changes the watched update at a steady rate, straight into the server's model, on a thread of its
/// own. Change n is a new health-check report of instance n mod N carrying n in
/// <see cref="HealthCheckProgress.AttemptsUsed"/>, so every client can tell which change it got.
/// Instances take turns: at 1,000 changes/s over 1,000 instances none changes twice within a flush,
/// so every change reaches every client as a row of its own.
/// </summary>
internal sealed class ChangeDriver
{
    private readonly DashboardModel _model;
    private readonly DeliveryClock _clock;
    private readonly int _perSecond;
    private readonly TaskStatusUpdate[] _latest;
    private readonly DateTimeOffset _origin;
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <param name="workload">Already folded into the model: each instance's last event is what its changes build on.</param>
    public ChangeDriver(DashboardModel model, FirehoseWorkload workload, DeliveryClock clock, int perSecond)
    {
        _model = model;
        _clock = clock;
        _perSecond = perSecond;
        _latest = workload.Events.GroupBy(e => e.InstanceId).OrderBy(g => g.Key).Select(g => g.Last()).ToArray();

        // Event times run on from the workload's last one at the wall clock's pace, so the model's
        // estimate of the scheduler clock holds still and no clock resync rides along with the deltas.
        _origin = workload.Events[^1].Timestamp.AddMinutes(1);
    }

    /// <summary>Applies changes [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) at the set rate.</summary>
    public Task RunAsync(int from, int count, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Drive(from, count, cancellationToken);
                done.SetResult();
            }
#pragma warning disable CA1031 // Handed to the awaiting benchmark, which fails with it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "fanout changes",
        };
        thread.Start();
        return done.Task;
    }

    private void Drive(int from, int count, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var tooLate = TimeSpan.FromSeconds(10 + (3.0 * count / _perSecond));
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Sleep while ahead of schedule; a late wake-up applies the changes that fell due at once.
            var due = start + (long)(i * (double)Stopwatch.Frequency / _perSecond);
            while (Stopwatch.GetTimestamp() < due) Thread.Sleep(1);
            if (Stopwatch.GetElapsedTime(start) > tooLate) throw new TimeoutException($"applied only {i} of {count} changes in {tooLate.TotalSeconds:F0} s");
            Apply(from + i);
        }
    }

    private void Apply(int seq)
    {
        var instance = seq % _latest.Length;
        var stamp = DeliveryClock.Base + seq;
        var change = _latest[instance] with
        {
            Timestamp = _origin + Stopwatch.GetElapsedTime(_started),
            HealthCheck = new HealthCheckProgress(2, 0, stamp, stamp + 5, 2, 0),
        };
        _clock.Applying(seq);
        _model.ApplyStatus(change);
    }
}
