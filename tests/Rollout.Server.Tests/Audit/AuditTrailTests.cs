using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Audit;

public class AuditTrailTests
{
    private static readonly string Web = DashboardKeys.Of(Key);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeAuditStore _store = new();
    private readonly DashboardModel _model;
    private readonly AuditTrail _trail;

    public AuditTrailTests()
    {
        _model = new DashboardModel(_time, TimeSpan.FromSeconds(15));
        _trail = new AuditTrail(_store, _model, _time, NullLogger<AuditTrail>.Instance);
        _trail.Open();
    }

    [Fact]
    public void Record_StoreFailing_KeepsTheEntryListedAndWritesItOnFlush()
    {
        _store.Failing = true;
        _trail.Record(_trail.Stamp(), "dana", ControlCommand.Pause, Web, "hold", ControlResult.Ok(UpdateStatus.RollForwardPaused));

        Assert.Empty(_store.Entries);
        Assert.Equal("hold", Assert.Single(_trail.List(Web)).Message);
        Assert.Equal(1, _trail.Flush());

        _store.Failing = false;
        Assert.Equal(0, _trail.Flush());
        Assert.Equal("hold", Assert.Single(_store.Entries).Message);
        Assert.Single(_trail.List(Web));
    }

    [Fact]
    public void Record_HugeUserAndMessage_StoredBounded()
    {
        var entry = _trail.Record(_trail.Stamp(), new string('x', 60 * 1024), ControlCommand.Pause, Web, new string('m', 5000), ControlResult.Invalid("too long"));

        Assert.True(entry.User.Length < 200, $"{entry.User.Length} characters kept");
        Assert.EndsWith($"({60 * 1024} characters)", entry.User, StringComparison.Ordinal);
        Assert.True(entry.Message.Length < 1100);
    }

    [Fact]
    public void Record_MalformedKey_KeptAsSent()
    {
        var entry = _trail.Record(_trail.Stamp(), "dana", ControlCommand.Abort, "not-a-key", "x", ControlResult.Invalid("'not-a-key' is not an update key"));

        Assert.Equal("not-a-key", entry.UpdateKey);
    }

    [Fact]
    public void Record_StampedWhenTheCommandArrived_NotWhenItWasAnswered()
    {
        var stamp = _trail.Stamp();
        _time.Advance(TimeSpan.FromSeconds(10));

        var entry = _trail.Record(stamp, "dana", ControlCommand.Pause, Web, "hold", ControlResult.Unknown("no answer within 10 s"));

        Assert.Equal(T0, entry.Sent.At);
    }

    [Fact]
    public void Reconcile_UnknownOutcome_MarkedAppliedOnceThePublishedHistoryShowsIt()
    {
        _model.ReplaceUpdater([Started(), Status(UpdateStatus.RollingForward, 1)]);
        _model.Publish();
        var stamp = _trail.Stamp();
        _trail.Record(stamp, "dana", ControlCommand.Pause, Web, "hold", ControlResult.Unknown("no answer within 10 s"));
        Assert.Equal(0, _trail.Reconcile());

        _model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 3, "dana", "hold"));
        Assert.Equal(0, _trail.Reconcile()); // not yet published
        _model.Publish();

        Assert.Equal(1, _trail.Reconcile());
        var entry = Assert.Single(_store.Entries);
        Assert.Equal((T0.AddSeconds(3), UpdateStatus.RollForwardPaused), (entry.AppliedAt, entry.Result.Status));
        Assert.Equal(0, _trail.UnresolvedCount);
    }

    [Fact]
    public void List_UnknownOutcomeTheHistoryShows_ListedAppliedWithoutWaitingForTheNextReconcile()
    {
        _model.ReplaceUpdater([Started(), Status(UpdateStatus.RollingForward, 1)]);
        _model.Publish();
        _trail.Record(_trail.Stamp(), "dana", ControlCommand.Pause, Web, "hold", ControlResult.Unknown("no answer within 10 s"));
        Assert.Null(Assert.Single(_trail.List(Web)).AppliedAt); // pending: the history does not show it yet

        _model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 3, "dana", "hold"));
        _model.Publish(); // what a browser is shown before it fetches the audit again

        var listed = Assert.Single(_trail.List(Web));
        Assert.Equal((T0.AddSeconds(3), UpdateStatus.RollForwardPaused), (listed.AppliedAt, listed.Result.Status));
        Assert.Equal(0, _trail.UnresolvedCount);
        Assert.Equal(0, _trail.Reconcile()); // marked once
    }

    [Fact]
    public void List_OneUpdate_LeavesOtherUpdatesUnknownOutcomesToTheirReconcile()
    {
        var other = DashboardKeys.Of(Key with { Id = "web-2" });
        _model.ReplaceUpdater([Started(), Status(UpdateStatus.RollingForward, 1), Status(UpdateStatus.RollForwardPaused, 3, "dana", "hold")]);
        _model.Publish();
        _trail.Record(new AuditStamp(T0, T0), "dana", ControlCommand.Pause, Web, "hold", ControlResult.Unknown("no answer"));
        _trail.Record(new AuditStamp(T0, T0), "dana", ControlCommand.Pause, other, "hold", ControlResult.Unknown("no answer"));

        _trail.List(other);

        Assert.Equal(2, _trail.UnresolvedCount);
        Assert.NotNull(Assert.Single(_trail.List(Web)).AppliedAt);
        Assert.Equal(1, _trail.UnresolvedCount);
    }

    [Fact]
    public void Open_UnknownOutcomesFromBeforeARestart_AreReconciledToo()
    {
        _store.Append(new AuditEntry(0, new AuditStamp(T0, T0), "dana", ControlCommand.Abort, Web, "stop", ControlResult.Unknown("no answer")));
        var restarted = new AuditTrail(_store, _model, _time, NullLogger<AuditTrail>.Instance);
        restarted.Open();
        _model.ReplaceUpdater([Started(), Status(UpdateStatus.RollingForward, 1), Status(UpdateStatus.Aborted, 2, "dana", "stop")]);
        _model.Publish();

        Assert.Equal(1, restarted.Reconcile());
        Assert.NotNull(Assert.Single(_store.Entries).AppliedAt);
    }
}
