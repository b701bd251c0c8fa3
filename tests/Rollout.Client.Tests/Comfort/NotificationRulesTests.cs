using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

public class NotificationRulesTests
{
    [Theory]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RollForwardPaused, NoticeKind.Paused)]
    [InlineData(UpdateStatus.RollingBack, UpdateStatus.RollBackPaused, NoticeKind.Paused)]
    [InlineData(UpdateStatus.RollForwardAwaitingPulse, UpdateStatus.RollForwardPaused, NoticeKind.Paused)]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.Failed, NoticeKind.Failed)]
    [InlineData(UpdateStatus.RollingBack, UpdateStatus.Error, NoticeKind.Failed)]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RollingBack, NoticeKind.RollingBack)]
    [InlineData(UpdateStatus.RollForwardPaused, UpdateStatus.RollingBack, NoticeKind.RollingBack)]
    [InlineData(UpdateStatus.RollingBack, UpdateStatus.RolledBack, NoticeKind.RolledBack)]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RolledForward, NoticeKind.RolledForward)]
    [InlineData(UpdateStatus.RollForwardPaused, UpdateStatus.Aborted, NoticeKind.Aborted)]
    public void KindOf_WatchedTransition_Notifies(UpdateStatus before, UpdateStatus after, NoticeKind expected) =>
        Assert.Equal(expected, NotificationRules.KindOf(before, after));

    [Theory]
    [InlineData(UpdateStatus.RollForwardPaused, UpdateStatus.RollingForward)] // resumed
    [InlineData(UpdateStatus.RollBackPaused, UpdateStatus.RollingBack)] // a rollback carrying on
    [InlineData(UpdateStatus.RollBackAwaitingPulse, UpdateStatus.RollingBack)]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RollForwardAwaitingPulse)]
    [InlineData(UpdateStatus.RollForwardAwaitingPulse, UpdateStatus.RollingForward)] // pulsed
    [InlineData(UpdateStatus.RollForwardPaused, UpdateStatus.RollBackPaused)] // paused already
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RollingForward)]
    public void KindOf_OtherTransition_DoesNotNotify(UpdateStatus before, UpdateStatus after) =>
        Assert.Null(NotificationRules.KindOf(before, after));

    [Theory]
    [InlineData(UpdateStatus.RolledForward)]
    [InlineData(UpdateStatus.Failed)]
    [InlineData(UpdateStatus.RollForwardPaused)]
    public void KindOf_FirstSight_DoesNotNotify(UpdateStatus status) => Assert.Null(NotificationRules.KindOf(null, status));

    [Fact]
    public void For_Paused_NamesTheUpdateTheChangeAndTheCounts()
    {
        var update = Views.Update(UpdateStatus.RollForwardPaused) with { FailedCount = 1 };

        var notice = NotificationRules.For(update, UpdateStatus.RollingForward);

        Assert.NotNull(notice);
        Assert.Equal(NoticeKind.Paused, notice.Kind);
        Assert.Equal("www-data/prod/web #web-1 paused", notice.Title);
        Assert.Equal("ROLLING_FORWARD → ROLL_FORWARD_PAUSED · 1/4 updated, 1 failed", notice.Body);
        Assert.Equal(Views.Key, notice.Tag);
        Assert.Equal("/updates/www-data/prod/web/web-1", notice.Url);
    }

    [Fact]
    public void For_Finished_SaysHow() =>
        Assert.Equal("www-data/prod/web #web-1 finished: rolled forward", NotificationRules.For(Views.Update(UpdateStatus.RolledForward), UpdateStatus.RollingForward)?.Title);

    [Fact]
    public void For_Resumed_IsNull() => Assert.Null(NotificationRules.For(Views.Update(UpdateStatus.RollingForward), UpdateStatus.RollForwardPaused));
}
