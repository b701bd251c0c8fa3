using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

/// <summary>Values this build does not know: what they arrive in is kept, the number with it, and goes back out unchanged.</summary>
public class UnknownValueMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("r", "e", "n"), "u1");

    private static Wire.UpdaterEvent Started(Wire.DetectionStrategy strategy)
    {
        var e = new UpdateStarted(Key, At, "alice", new UpdateSettings(), null, new TaskConfigSummary("v2", new HealthCheckConfig(1, 2, 3, 4, 5)),
            [], [new InstanceRange(0, 2)], DetectionStrategy.Capabilities).ToProto();
        e.Started.DetectionStrategy = strategy;
        return e;
    }

    [Theory]
    [InlineData(0)] // unspecified
    [InlineData(7)]
    public void ToDomain_UpdateStartedWithUnknownDetectionStrategy_KeepsTheUpdate(int strategy)
    {
        var started = Assert.IsType<UpdateStarted>(Started((Wire.DetectionStrategy)strategy).ToDomain());

        Assert.Equal(DetectionStrategy.Unknown, started.DetectionStrategy);
        Assert.Equal(strategy, started.UnknownDetectionStrategy);
        Assert.Equal([new InstanceRange(0, 2)], started.DesiredInstances);
        Assert.Equal("alice", started.User);
    }

    [Fact]
    public void ToDomain_UpdateStartedWithKnownStrategy_HasNoUnknownNumber()
    {
        var started = Assert.IsType<UpdateStarted>(Started(Wire.DetectionStrategy.S3SettingsBit).ToDomain());

        Assert.Equal(DetectionStrategy.SettingsBit, started.DetectionStrategy);
        Assert.Null(started.UnknownDetectionStrategy);
    }

    [Fact]
    public void ToDomain_GatingDecisionWithUnknownMode_IsUndeterminedWithItsNumber()
    {
        var wire = new GatingDecisionMade(Key, At, 3, "t-3", GatingMode.HealthGated, "why", null).ToProto();
        wire.GatingDecision.Mode = (Wire.GatingMode)9;

        var decision = Assert.IsType<GatingDecisionMade>(wire.ToDomain());

        Assert.Equal(GatingMode.Undetermined, decision.Mode);
        Assert.Equal(9, decision.UnknownMode);
        Assert.Equal("UNKNOWN(9)", decision.ModeName());
        Assert.Equal("why", decision.Reason);
    }

    [Fact]
    public void ToDomain_GatingDecisionUnspecified_IsUndeterminedAndNotUnknown()
    {
        var wire = new GatingDecisionMade(Key, At, 3, "t-3", GatingMode.HealthGated, "why", null).ToProto();
        wire.GatingDecision.Mode = Wire.GatingMode.Unspecified;

        var decision = Assert.IsType<GatingDecisionMade>(wire.ToDomain());

        Assert.Equal(GatingMode.Undetermined, decision.Mode);
        Assert.Null(decision.UnknownMode);
    }

    [Fact]
    public void ToProto_UnknownValues_GoBackOutAsReceived()
    {
        var status = new Wire.TaskStatusUpdate
        {
            TaskId = "t", Job = Key.Job.ToProto(), State = (Wire.TaskState)17, Timestamp = At.ToProto(), Host = "h",
        };
        var started = Started((Wire.DetectionStrategy)7);
        var decision = new GatingDecisionMade(Key, At, 3, "t-3", GatingMode.HealthGated, "why", null).ToProto();
        decision.GatingDecision.Mode = (Wire.GatingMode)9;

        Assert.Equal(status, status.ToDomain().ToProto());
        Assert.Equal(started, started.ToDomain().ToProto());
        Assert.Equal(decision, decision.ToDomain().ToProto());
    }
}
