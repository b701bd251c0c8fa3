using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>JobUpdaterIT: updates refused at start.</summary>
public class JobUpdaterItLimitsTests
{
    private const string Pool = "job1";

    // JobUpdaterIT.java: testStartInvalidUpdate
    // Direct: negative group size, then negative watch_secs.
    [Fact]
    public void StartUpdate_NegativeGroupSizeOrWatch_IsRejected()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 3, spec: Old);

        Assert.ThrowsAny<ArgumentException>(() => h.Update(job, Queue with { GroupSize = -1 }, New));
        Assert.ThrowsAny<ArgumentException>(() => h.Update(job, Queue with { WatchSecs = -1 }, New));
        Assert.Empty(h.Engine.ListUpdates(job));
    }

    // JobUpdaterIT.java: testNoopUpdateEmptyDiff
    // No initial and no desired state: a job with no instances asked for none.
    [Fact]
    public void StartUpdate_NoInstancesBeforeOrAfter_IsRejected()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 0, spec: Old);

        Assert.ThrowsAny<ArgumentException>(() => h.Update(job, Queue, New, instances: 0));
        Assert.Empty(h.Engine.ListUpdates(job));
    }

    // JobUpdaterIT.java: testInProgressUpdate
    // The IT stores an in-progress update directly; here one is started first.
    [Fact]
    public void StartUpdate_AnotherInProgress_IsRefusedNamingIt()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 2, spec: Old);
        var inProgress = h.Update(job, Queue, New);

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => h.Update(job, Queue, New));

        Assert.Contains(inProgress.Id, refused.Message, StringComparison.Ordinal);
        var active = Assert.Single(h.Engine.ListUpdates(job, activeOnly: true));
        Assert.Equal((inProgress, RollingForward), (active.Key, active.Status));
    }
}
