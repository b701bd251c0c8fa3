using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;

namespace Rollout.Server.Tests.Audit;

public class AuditReconcilerTests
{
    private static readonly DateTimeOffset Sent = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    private static AuditEntry Unknown(ControlCommand command, string user = "dana", string message = "hold") =>
        new(7, new AuditStamp(Sent.AddHours(2), Sent), user, command, "www-data/prod/web#web-1", message, ControlResult.Unknown("no answer"));

    private static StatusChangeView Change(int second, UpdateStatus status, string user = "dana", string message = "hold") =>
        new(Sent.AddSeconds(second), status, user, message);

    [Theory]
    [InlineData(ControlCommand.Pause, UpdateStatus.RollForwardPaused)]
    [InlineData(ControlCommand.Pause, UpdateStatus.RollBackPaused)]
    [InlineData(ControlCommand.Resume, UpdateStatus.RollingForward)]
    [InlineData(ControlCommand.Resume, UpdateStatus.RollingBack)]
    [InlineData(ControlCommand.Resume, UpdateStatus.RollForwardAwaitingPulse)]
    [InlineData(ControlCommand.Abort, UpdateStatus.Aborted)]
    public void Applied_EffectBySameUserAndMessageAfterSending_IsSeenAtItsTime(ControlCommand command, UpdateStatus status)
    {
        var seen = AuditReconciler.Applied(Unknown(command), [Change(-60, UpdateStatus.RollingForward, "alice", "start"), Change(3, status)]);

        Assert.Equal(new AuditApplied(Sent.AddSeconds(3), status), seen);
    }

    [Theory]
    [InlineData(ControlCommand.Pause, UpdateStatus.RollingForward)]
    [InlineData(ControlCommand.Resume, UpdateStatus.RollForwardPaused)]
    [InlineData(ControlCommand.Abort, UpdateStatus.RolledForward)]
    [InlineData(ControlCommand.Abort, UpdateStatus.RollForwardPaused)]
    public void Applied_OtherStatus_IsNotSeen(ControlCommand command, UpdateStatus status) =>
        Assert.Null(AuditReconciler.Applied(Unknown(command), [Change(3, status)]));

    [Fact]
    public void Applied_OtherUser_IsNotSeen() =>
        Assert.Null(AuditReconciler.Applied(Unknown(ControlCommand.Pause), [Change(3, UpdateStatus.RollForwardPaused, user: "erin")]));

    [Fact]
    public void Applied_OtherMessage_IsNotSeen() =>
        Assert.Null(AuditReconciler.Applied(Unknown(ControlCommand.Pause), [Change(3, UpdateStatus.RollForwardPaused, message: "hold!")]));

    [Fact]
    public void Applied_SameCommandLongBeforeItWasSent_IsNotSeen() =>
        Assert.Null(AuditReconciler.Applied(Unknown(ControlCommand.Pause), [Change(-600, UpdateStatus.RollForwardPaused)]));

    [Fact]
    public void Applied_WithinTheClockSlackBeforeSending_IsSeen() =>
        Assert.NotNull(AuditReconciler.Applied(Unknown(ControlCommand.Pause), [Change(-(int)AuditReconciler.ClockSlack.TotalSeconds, UpdateStatus.RollForwardPaused)]));

    [Fact]
    public void Applied_KnownOutcome_IsNeverReconciled()
    {
        var ok = Unknown(ControlCommand.Pause) with { Result = ControlResult.Ok(UpdateStatus.RollForwardPaused) };

        Assert.Null(AuditReconciler.Applied(ok, [Change(3, UpdateStatus.RollForwardPaused)]));
    }

    [Fact]
    public void Applied_AlreadyApplied_IsNotSeenAgain()
    {
        var applied = Unknown(ControlCommand.Pause) with { AppliedAt = Sent.AddSeconds(1) };

        Assert.Null(AuditReconciler.Applied(applied, [Change(3, UpdateStatus.RollForwardPaused)]));
    }

    [Fact]
    public void Applied_EmptyHistory_IsNotSeen() => Assert.Null(AuditReconciler.Applied(Unknown(ControlCommand.Abort), []));
}
