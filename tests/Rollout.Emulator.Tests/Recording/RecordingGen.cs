using CsCheck;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;

namespace Rollout.Emulator.Tests.Recording;

/// <summary>
/// Recordings of every shape the contract can carry: every event kind, optional parts present and
/// absent, values this build does not know (kept with their numbers), free text of any Unicode
/// (markup, quotes, controls, astral characters) and timestamps to the tick.
/// </summary>
internal static class RecordingGen
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<DateTimeOffset> Time =
        Gen.Long[0, TimeSpan.FromDays(365 * 50).Ticks].Select(t => Earliest.AddTicks(t));

    /// <summary>Any Unicode scalar value (no lone surrogates: the wire's UTF-8 cannot carry them), ASCII weighted.</summary>
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Char["\"\\/<>&'{}[]:, \t\r\n\0\u007f"].Select(c => c.ToString())),
        (2, Gen.Int[0x80, 0xFFFF].Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32)),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    public static readonly Gen<string> Text = Scalar.Array[0, 20].Select(string.Concat);

    public static readonly Gen<string> Identifier = Scalar.Array[1, 12].Select(string.Concat);

    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"].Array[1, 10].Select(c => new string(c));

    public static readonly Gen<UpdateKey> Key = Gen.Select(Name, Name, Name, Identifier, (r, e, n, id) => new UpdateKey(new JobKey(r, e, n), id));

    private static readonly Gen<int> InstanceId = Gen.Frequency((4, Gen.Int[0, 20]), (1, Gen.Int[0, UpstreamLimits.MaxInstanceId]));

    private static readonly Gen<int> Count = Gen.Int[0, 1000];

    /// <summary>A number no enum of the contract has: kept as "unknown" with it.</summary>
    private static readonly Gen<int> UnknownNumber = Gen.Int[20, 5000];

    private static readonly Gen<HealthCheckProgress?> Progress = Gen.Frequency(
        (1, Gen.Const((HealthCheckProgress?)null)),
        (1, Gen.Select(Count, Count, Count, Count, Count, Count, (a, b, c, d, e, f) => (HealthCheckProgress?)new HealthCheckProgress(a, b, c, d, e, f))));

    private static readonly Gen<(TaskState State, int? Unknown)> State = Gen.Frequency(
        (8, Gen.Enum<TaskState>().Where(s => s != TaskState.Unknown).Select(s => (s, (int?)null))),
        (1, Gen.Const((TaskState.Unknown, (int?)0))),
        (1, UnknownNumber.Select(n => (TaskState.Unknown, (int?)n))));

    public static Gen<TaskStatusUpdate> Status(JobKey job) =>
        Gen.Select(Identifier, InstanceId, State, Text, Time, Gen.Enum<StatusSource>(), Text, Progress,
            (task, instance, state, message, at, source, host, progress) =>
                new TaskStatusUpdate(task, job, instance, state.State, message, at, source, host, progress, state.Unknown));

    private static readonly Gen<HealthCheckConfig> HealthCheck =
        Gen.Select(Count, Count, Count, Count, Count, (a, b, c, d, e) => new HealthCheckConfig(a, b, c, d, e));

    private static readonly Gen<TaskConfigSummary?> Config = Gen.Frequency(
        (1, Gen.Const((TaskConfigSummary?)null)),
        (3, Gen.Select(Identifier, Gen.Frequency((1, Gen.Const((HealthCheckConfig?)null)), (2, HealthCheck.Select(h => (HealthCheckConfig?)h))),
            (version, hc) => (TaskConfigSummary?)new TaskConfigSummary(version, hc))));

    private static readonly Gen<UpdateSettings> Settings =
        Gen.Select(Gen.Enum<UpdateStrategyKind>(), Count, Count.Array[0, 5], Count, Count, Count, Gen.Bool.Array[4, 4], Count)
            .Select(s => new UpdateSettings
            {
                Strategy = s.Item1, GroupSize = s.Item2, GroupSizes = s.Item3, WatchSecs = s.Item4, MaxPerInstanceFailures = s.Item5,
                MaxFailedInstances = s.Item6, RollbackOnFailure = s.Item7[0], ExecutorDrivenUpdates = s.Item7[1],
                AutoPauseAfterBatch = s.Item7[2], PulseIntervalSecs = s.Item8,
            });

    private static readonly Gen<InstanceRange> Range =
        Gen.Select(InstanceId, Gen.Int[0, 50], (first, size) => new InstanceRange(first, Math.Min(UpstreamLimits.MaxInstanceId, first + size)));

    private static readonly Gen<(DetectionStrategy Strategy, int? Unknown)> Strategy = Gen.Frequency(
        (6, Gen.Enum<DetectionStrategy>().Where(s => s != DetectionStrategy.Unknown).Select(s => (s, (int?)null))),
        (1, Gen.Const((DetectionStrategy.Unknown, (int?)0))),
        (1, UnknownNumber.Select(n => (DetectionStrategy.Unknown, (int?)n))));

    private static readonly Gen<(GatingMode Mode, int? Unknown)> Mode = Gen.Frequency(
        (6, Gen.Enum<GatingMode>().Select(m => (m, (int?)null))),
        (1, UnknownNumber.Select(n => (GatingMode.Undetermined, (int?)n))));

    public static Gen<UpdaterEvent> Updater(UpdateKey key) => Gen.OneOf<UpdaterEvent>(
        Gen.Select(Time, Identifier, Settings, Config, Config, Range.Array[0, 4], Range.Array[0, 4], Strategy,
            (at, user, settings, initial, desired, initialRanges, desiredRanges, strategy) => (UpdaterEvent)new UpdateStarted(
                key, at, user, settings, initial, desired, initialRanges, desiredRanges, strategy.Strategy, strategy.Unknown)),
        Gen.Select(Time, Gen.Enum<UpdateStatus>(), Gen.Frequency((1, Gen.Const(string.Empty)), (3, Identifier)), Text,
            (at, status, user, message) => (UpdaterEvent)new UpdateStatusChanged(key, at, status, user, message)),
        Gen.Select(Time, InstanceId, Gen.Enum<InstanceAction>(), Text,
            (at, instance, action, message) => (UpdaterEvent)new InstanceActionRecorded(key, at, instance, action, message)),
        Gen.Select(Time, InstanceId, Identifier, Mode, Text, Gen.Frequency((1, Gen.Const((DateTimeOffset?)null)), (1, Time.Select(t => (DateTimeOffset?)t))),
            (at, instance, task, mode, reason, deadline) => (UpdaterEvent)new GatingDecisionMade(key, at, instance, task, mode.Mode, reason, deadline, mode.Unknown)),
        Gen.Select(Time, Time, (at, deadline) => (UpdaterEvent)new PulseReceived(key, at, deadline)));

    public static Gen<RecordedEvent> Event(UpdateKey key) => Gen.Frequency(
        (3, Gen.Select(Status(key.Job), Gen.Bool, (s, prior) => (RecordedEvent)new RecordedStatus(s, prior))),
        (2, Updater(key).Select(e => (RecordedEvent)new RecordedUpdater(e))));

    public static readonly Gen<UpdateRecording> Recording =
        from key in Key
        from at in Time
        from events in Event(key).Array[0, 30]
        from truncated in Gen.Bool
        from dropped in Gen.Long[1, uint.MaxValue]
        select new UpdateRecording(key, at, events, truncated, truncated ? dropped : 0);
}
