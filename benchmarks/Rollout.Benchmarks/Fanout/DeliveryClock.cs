using System.Diagnostics;

namespace Rollout.Benchmarks.Fanout;

/// <summary>
/// When each change went into the model, by sequence number, on the process's one Stopwatch clock
/// (server and clients share the process, so one clock serves both ends). Receipts of the changes
/// in the phase being measured go into that phase's histogram; others (warm-up) are ignored.
/// </summary>
internal sealed class DeliveryClock(int changes)
{
    /// <summary>Added to the sequence number carried in HealthCheckProgress.AttemptsUsed, so no real progress is mistaken for a change.</summary>
    public const int Base = 1_000_000;

    private readonly long[] _applied = new long[changes];
    private Phase? _phase;

    public int Changes => changes;

    /// <summary>Stamped just before the change is applied, so a receipt can never precede it.</summary>
    public void Applying(int seq) => _applied[seq] = Stopwatch.GetTimestamp();

    /// <summary>From now on, receipts of changes [<paramref name="from"/>, <paramref name="to"/>) go into <paramref name="delays"/>.</summary>
    public void Measure(int from, int to, LatencyHistogram delays) => Volatile.Write(ref _phase, new Phase(from, to, delays));

    public void StopMeasuring() => Volatile.Write(ref _phase, null);

    /// <returns>Whether the receipt counted.</returns>
    public bool Received(int attemptsUsed, long at)
    {
        var seq = attemptsUsed - Base;
        if (Volatile.Read(ref _phase) is not { } phase || seq < phase.From || seq >= phase.To) return false;
        phase.Delays.Record(Stopwatch.GetElapsedTime(_applied[seq], at).TotalMilliseconds);
        return true;
    }

    private sealed record Phase(int From, int To, LatencyHistogram Delays);
}
