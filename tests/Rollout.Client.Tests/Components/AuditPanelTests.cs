using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Components;

public class AuditPanelTests : ClientTest
{
    private static readonly ClockSync Sync = new(Views.T0, 0);

    private static AuditEntryView Entry(long id, int minute, ControlCommand command, ControlOutcome outcome, string reason = "", UpdateStatus? status = null, DateTimeOffset? applied = null, string user = "dana", string message = "why") =>
        new(id, Views.T0.AddMinutes(minute), user, command, Views.Key, message, outcome, reason, status, applied);

    private static UpdateSnapshot Snapshot(params StatusChangeView[] history) =>
        new("e1", 1, Sync, ConnectionView.Initial, Views.Update(UpdateStatus.RollingForward), InstanceRowCodec.Encode([]), history, []);

    private static DeltaBatch Appended(long version, StatusChangeView change) =>
        new(Views.Key, "e1", version - 1, version, null, null, [], [], InstanceRowCodec.Encode([]), [change], []);

    [Fact]
    public void Render_Entries_ShowsEachNewestFirstWithItsResult()
    {
        Dashboard.Audit =
        [
            Entry(4, 4, ControlCommand.Abort, ControlOutcome.OutcomeUnknown, "no answer within 10 s"),
            Entry(3, 3, ControlCommand.Pause, ControlOutcome.OutcomeUnknown, "no answer within 10 s", UpdateStatus.RollForwardPaused, Views.T0.AddMinutes(3).AddSeconds(2)),
            Entry(2, 2, ControlCommand.Resume, ControlOutcome.InvalidRequest, "the user name may hold only letters, digits and . _ @ -"),
            Entry(1, 1, ControlCommand.Pause, ControlOutcome.Ok, status: UpdateStatus.RollForwardPaused),
        ];

        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=audit-row]").Count), Wait);
        var rows = cut.FindAll("[data-testid=audit-row]").Select(r => r.TextContent).ToList();
        Assert.Contains("11:04:00", rows[0], StringComparison.Ordinal);
        Assert.Contains("outcome unknown: the scheduler may have applied it; watch the history (no answer within 10 s)", rows[0], StringComparison.Ordinal);
        Assert.Contains("applied (seen in the stream at 11:03:02)", rows[1], StringComparison.Ordinal);
        Assert.Contains("INVALID_REQUEST", rows[2], StringComparison.Ordinal);
        Assert.Contains("OK, ROLL_FORWARD_PAUSED", rows[3], StringComparison.Ordinal);
        Assert.Contains("dana", rows[3], StringComparison.Ordinal);
        Assert.Contains("pause", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ControlAndBidiCharacters_ShownEscaped()
    {
        Dashboard.Audit = [Entry(1, 1, ControlCommand.Pause, ControlOutcome.InvalidRequest, "bad", message: "ok\r\n[fake] by root (verified)\u202Eevil\u001b[31m")];

        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")), Wait);
        var text = cut.Find("[data-testid=raw-message]").TextContent;
        Assert.Contains(@"ok\r\n[fake] by root (verified)\u202Eevil\u001B[31m", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is '\r' or '\n' or '\u202E' or '\u001b');
    }

    [Fact]
    public void Render_NothingRecorded_SaysSo()
    {
        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));

        cut.WaitForAssertion(() => Assert.Contains("No commands recorded.", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal([Views.Key], Dashboard.AuditRequests);
    }

    [Fact]
    public async Task HistoryGrows_RefetchesTheAudit()
    {
        var paused = new StatusChangeView(Views.T0.AddMinutes(1), UpdateStatus.RollForwardPaused, "dana", "why");
        Dashboard.Store.Load(Views.Key, Snapshot());
        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));
        cut.WaitForAssertion(() => Assert.Single(Dashboard.AuditRequests), Wait);

        Dashboard.Audit = [Entry(1, 1, ControlCommand.Pause, ControlOutcome.OutcomeUnknown, "no answer", UpdateStatus.RollForwardPaused, paused.Timestamp)];
        await cut.InvokeAsync(() => Dashboard.Store.Apply(Appended(2, paused)));

        cut.WaitForAssertion(() => Assert.Contains("applied (seen in the stream at 11:01:00)", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(2, Dashboard.AuditRequests.Count);
    }

    [Fact]
    public async Task OtherStoreChanges_DoNotRefetch()
    {
        Dashboard.Store.Load(Views.Key, Snapshot());
        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));
        cut.WaitForAssertion(() => Assert.Single(Dashboard.AuditRequests), Wait);

        var rowsOnly = new DeltaBatch(Views.Key, "e1", 1, 2, null, null, [], [], InstanceRowCodec.Encode([Views.Instance()]), [], []);
        await cut.InvokeAsync(() => Dashboard.Store.Apply(rowsOnly));

        Assert.Single(Dashboard.AuditRequests);
    }

    [Fact]
    public async Task OwnCommandCompleted_RefetchesTheAudit()
    {
        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));
        cut.WaitForAssertion(() => Assert.Single(Dashboard.AuditRequests), Wait);

        Dashboard.Audit = [Entry(1, 1, ControlCommand.Pause, ControlOutcome.Ok, status: UpdateStatus.RollForwardPaused)];
        await cut.InvokeAsync(() => Dashboard.SendAsync(ControlCommand.Pause, new CommandRequest(Views.Key, "why")));
        await cut.InvokeAsync(() => Dashboard.SendAsync(ControlCommand.Pause, new CommandRequest("other/prod/web#x", "why")));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")), Wait);
        Assert.Equal([Views.Key, Views.Key], Dashboard.AuditRequests);
    }
}
