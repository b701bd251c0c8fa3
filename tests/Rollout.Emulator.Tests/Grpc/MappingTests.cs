using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

public class MappingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("r", "e", "n"), "u1");

    public static TheoryData<UpdaterEvent> UpdaterEvents => new()
    {
        new UpdateStarted(Key, At, "alice",
            new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 5], WatchSecs = 0, ExecutorDrivenUpdates = true, PulseIntervalSecs = 30 },
            new TaskConfigSummary("v1", null), new TaskConfigSummary("v2", new HealthCheckConfig(1, 2, 3, 4, 5)),
            [new InstanceRange(0, 9)], [new InstanceRange(0, 4)], DetectionStrategy.SettingsBit),
        new UpdateStatusChanged(Key, At, UpdateStatus.Failed, "scheduler", "limits"),
        new InstanceActionRecorded(Key, At, 7, InstanceAction.InstanceRollbackFailed, "why"),
        new GatingDecisionMade(Key, At, 3, "t-3", GatingMode.WatchSecs, "S1: vPrev", At.AddSeconds(30)),
        new GatingDecisionMade(Key, At, 3, "t-3", GatingMode.HealthGated, "S2", null),
        new PulseReceived(Key, At, At.AddSeconds(30)),
    };

    [Theory]
    [MemberData(nameof(UpdaterEvents))]
    public void UpdaterEvent_RoundTrips(UpdaterEvent e)
    {
        var back = e.ToProto().ToDomain();

        if (e is UpdateStarted s)
        {
            var b = Assert.IsType<UpdateStarted>(back);
            Assert.Equal(s.Settings.GroupSizes, b.Settings.GroupSizes);
            Assert.Equal(s.Settings, b.Settings with { GroupSizes = s.Settings.GroupSizes });
            Assert.Equal(s.InitialInstances, b.InitialInstances);
            Assert.Equal(s.DesiredInstances, b.DesiredInstances);
            Assert.Equal(s, b with { Settings = s.Settings, InitialInstances = s.InitialInstances, DesiredInstances = s.DesiredInstances });
        }
        else
        {
            Assert.Equal(e, back);
        }
    }

    [Fact]
    public void StatusUpdate_RoundTripsWithProgressAndMarkup()
    {
        var update = new TaskStatusUpdate("t", Key.Job, 4, TaskState.Starting, "<script>alert(1)</script>", At,
            StatusSource.Executor, "h", new HealthCheckProgress(1, 2, 3, 4, 5, 6));

        var back = update.ToProto().ToDomain();

        Assert.Equal(update, back);
    }

    [Fact]
    public void StreamItems_RoundTrip()
    {
        var position = new StreamPosition("e", 9);
        StreamItem<TaskStatusUpdate>[] items =
        [
            new SnapshotBegin<TaskStatusUpdate>(position, 1, "why"),
            new SnapshotEnd<TaskStatusUpdate>(position),
            new LiveEvent<TaskStatusUpdate>(position, new TaskStatusUpdate("t", Key.Job, 0, TaskState.Lost, "", At, StatusSource.Master, "h")),
        ];

        Assert.Equal(items, items.Select(i => i.ToProto().ToDomain()));
    }

    [Theory]
    [InlineData(0)] // unspecified
    [InlineData(17)]
    public void ToDomain_UnspecifiedOrUnknownState_IsKeptAsUnknownWithItsNumber(int state)
    {
        var odd = new TaskStatusUpdate("t", Key.Job, 0, TaskState.Running, "m", At, StatusSource.Executor, "h").ToProto();
        odd.State = (Wire.TaskState)state;

        var update = odd.ToDomain();

        Assert.Equal(TaskState.Unknown, update.State);
        Assert.Equal(state, update.UnknownState);
        Assert.Equal($"UNKNOWN({state})", update.StateName());
        Assert.Equal("m", update.Message);
    }

    [Theory]
    [InlineData("", "e", "n")]
    [InlineData("r", "", "n")]
    public void ToDomain_IncompleteJobKey_IsAClearError(string role, string env, string name)
    {
        var ex = Assert.Throws<ContractDataException>(() => new Wire.JobKey { Role = role, Environment = env, Name = name }.ToDomain());

        Assert.Contains("job key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDomain_EmptyStreamMessage_IsAClearError()
    {
        Assert.Throws<ContractDataException>(() => new Wire.UpdaterStreamMessage().ToDomain());
        Assert.Throws<ContractDataException>(() => new Wire.UpdaterEvent { Update = Key.ToProto(), Timestamp = At.ToProto() }.ToDomain());
    }
}
