using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Inference.History;

namespace Rollout.Domain.Tests.Inference;

public class InferenceTests
{
    private static readonly HealthCheckConfig Hc = new();
    private static readonly UpdateSettings Plain = new();
    private static readonly UpdateSettings Bit = new() { ExecutorDrivenUpdates = true };
    private const string Caps = " capabilities:HEALTH_GATED_RUNNING,HEALTH_CHECK_PROGRESS";

    [Fact]
    public void S1_NoRunningYet_IsUnknown()
    {
        var verdict = ExecutorInference.S1.Infer(new(Of(At(0, TaskState.Starting)), Plain, Hc));

        Assert.Equal(ExecutorVersion.Unknown, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S1_HealthyMessage_IsVCurrentAndGated()
    {
        var verdict = ExecutorInference.S1.Infer(new(Of(At(0, TaskState.Starting), At(20, TaskState.Running, "Task is healthy."+ Caps)), Plain, Hc));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.True(verdict.RunningMeansHealthy);
        Assert.Equal(T0.AddSeconds(20), verdict.Evidence.At);
    }

    [Fact]
    public void S1_AssumedHealthyMessage_IsVCurrentButNotGated()
    {
        var verdict = ExecutorInference.S1.Infer(new(Of(At(5, TaskState.Running, "No health-check defined, task is assumed healthy.")), Plain, null));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S1_RunningWithoutMessage_IsVPrev()
    {
        var verdict = ExecutorInference.S1.Infer(new(Of(At(5, TaskState.Running)), Plain, Hc));

        Assert.Equal(ExecutorVersion.VPrev, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S2_GatedCapabilityWithHealthCheck_IsGated()
    {
        var verdict = ExecutorInference.S2.Infer(new(Of(At(20, TaskState.Running, "Task is healthy." + Caps)), Plain, Hc));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.True(verdict.RunningMeansHealthy);
        Assert.Contains("HEALTH_GATED_RUNNING", verdict.Evidence.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void S2_GatedCapabilityWithoutHealthCheck_FallsBack()
    {
        var verdict = ExecutorInference.S2.Infer(new(Of(At(2, TaskState.Running, "No health-check defined, task is assumed healthy." + Caps)), Plain, null));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S2_OnlyUnknownCapabilities_IsVCurrentNotGated()
    {
        var verdict = ExecutorInference.S2.Infer(new(Of(At(2, TaskState.Running, "capabilities:WARP_DRIVE")), Plain, Hc));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S2_RunningWithoutCapabilities_IsVPrev()
    {
        var verdict = ExecutorInference.S2.Infer(new(Of(At(2, TaskState.Running, "Task is healthy.")), Plain, Hc));

        Assert.Equal(ExecutorVersion.VPrev, verdict.Version);
    }

    [Fact]
    public void S2_NothingYet_IsUnknown()
    {
        var verdict = ExecutorInference.S2.Infer(new(Of(At(0, TaskState.Pending)), Plain, Hc));

        Assert.False(verdict.Determined);
    }

    [Fact]
    public void S3_BitSetWithHealthCheck_AssumesGatedEvenBeforeRunning()
    {
        var verdict = ExecutorInference.S3.Infer(new(Of(At(0, TaskState.Pending)), Bit, Hc));

        Assert.Equal(ExecutorVersion.VCurrent, verdict.Version);
        Assert.True(verdict.RunningMeansHealthy);
        Assert.True(verdict.Assumed);
    }

    [Fact]
    public void S3_BitSetWithoutHealthCheck_FallsBack()
    {
        var verdict = ExecutorInference.S3.Infer(new([], Bit, null));

        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void S3_BitClear_AssumesVPrev()
    {
        var verdict = ExecutorInference.S3.Infer(new([], Plain, Hc));

        Assert.Equal(ExecutorVersion.VPrev, verdict.Version);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Fact]
    public void Observe_BitSetButVPrevMessages_SaysVPrev()
    {
        var observed = ExecutorInference.Observe(new(Of(At(2, TaskState.Running)), Bit, Hc));

        Assert.Equal(ExecutorVersion.VPrev, observed.Version);
    }

    [Fact]
    public void Observe_ProgressWhileStarting_SaysVCurrentBeforeRunning()
    {
        var progress = new HealthCheckProgress(1, 0, 1, 5, 2, 2);

        var observed = ExecutorInference.Observe(new(Of(At(5, TaskState.Starting, "Health check passed.", progress)), Plain, Hc));

        Assert.Equal(ExecutorVersion.VCurrent, observed.Version);
    }
}
