using Rollout.Domain.Fleet;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Fleet;

/// <summary>
/// The fleet view on demand, and the adoption history behind its chart: a sample of the fleet every
/// <see cref="SampleEvery"/> (the first <see cref="FirstSampleAfter"/> after start), the latest <see cref="MaxSamples"/> kept (a day).
/// </summary>
public sealed class FleetService : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(1);
    public const int MaxSamples = 24 * 60;

    /// <summary>Long enough for the upstream's snapshots to arrive after a start.</summary>
    public static readonly TimeSpan FirstSampleAfter = TimeSpan.FromSeconds(10);

    private readonly DashboardModel _model;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<AdoptionPoint> _samples = new();
    private ITimer? _timer;

    public FleetService(DashboardModel model, TimeProvider time)
    {
        _model = model;
        _time = time;
    }

    public FleetView Current()
    {
        AdoptionPoint[] adoption;
        lock (_gate) adoption = [.. _samples];
        return FleetAggregator.Build(Inputs(), adoption, _model.SchedulerNow);
    }

    /// <summary>
    /// Takes one adoption sample now (the timer's work; tests call it directly). A fleet with no host
    /// yet (nothing received from the scheduler) is not a sample: it would chart a false 0%.
    /// </summary>
    public void Sample()
    {
        var point = FleetAggregator.Sample(Inputs(), _model.SchedulerNow);
        if (point.Hosts == 0) return;
        lock (_gate)
        {
            if (_samples.Count == MaxSamples) _samples.Dequeue();
            _samples.Enqueue(point);
        }
    }

    private List<FleetInput> Inputs()
    {
        var inputs = new List<FleetInput>();
        foreach (var header in _model.Updates())
        {
            if (_model.Update(new UpdateKey(header.Job, header.UpdateId)) is { } found) inputs.Add(new FleetInput(found.Update, found.Instances));
        }

        return inputs;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => Sample(), null, FirstSampleAfter, SampleEvery);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null) await _timer.DisposeAsync();
        _timer = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null) await _timer.DisposeAsync();
    }
}
