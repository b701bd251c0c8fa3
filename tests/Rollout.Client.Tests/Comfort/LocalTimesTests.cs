using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Comfort;

/// <summary>Every time on the page is in the viewer's zone, with the UTC instant on hover.</summary>
public class LocalTimesTests : ClientTest
{
    // A fixed +05:30 zone: 11:00 UTC is 16:30 here.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test/Kolkata", TimeSpan.FromHours(5.5), "Test/Kolkata", "IST");

    public LocalTimesTests() => Services.AddSingleton(new ViewerTimeZone(Zone));

    private static void AssertTime(AngleSharp.Dom.IElement time, string local, string utc)
    {
        Assert.Equal(local, time.TextContent.Trim());
        Assert.Equal(utc, time.GetAttribute("title"));
    }

    [Fact]
    public void LocalTime_ShowsTheViewersTimeWithUtcOnHover()
    {
        var cut = Render<LocalTime>(p => p.Add(c => c.At, Views.T0.AddSeconds(5)));

        AssertTime(cut.Find("time"), "16:30:05", "2026-05-01 11:00:05 UTC");
        Assert.Equal("2026-05-01T11:00:05.000Z", cut.Find("time").GetAttribute("datetime"));
    }

    [Fact]
    public void UpdateHeader_Start_IsADateInTheViewersZoneNamed()
    {
        var cut = Render<UpdateHeader>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        AssertTime(cut.Find("time"), "2026-05-01 16:30:00 (Test/Kolkata)", "2026-05-01 11:00:00 UTC");
    }

    [Fact]
    public void UpdateHistory_EventTail_ShowLocalTimes()
    {
        var history = Render<UpdateHistory>(p => p.Add(c => c.History, [new StatusChangeView(Views.T0.AddMinutes(1), UpdateStatus.RollForwardPaused, "bob", "hold")]));
        var tail = Render<EventTail>(p => p.Add(c => c.Tail, [new EventTailItem(Views.T0.AddMinutes(2), "#3 RUNNING")]));

        AssertTime(history.Find("tbody time"), "16:31:00", "2026-05-01 11:01:00 UTC");
        AssertTime(tail.Find("[role=log] time"), "16:32:00", "2026-05-01 11:02:00 UTC");
    }

    [Fact]
    public void AuditPanel_TimeAndAppliedAt_AreLocal()
    {
        Dashboard.Audit =
        [
            new AuditEntryView(1, Views.T0.AddMinutes(3), "dana", ControlCommand.Pause, Views.Key, "why", ControlOutcome.OutcomeUnknown, "no answer",
                UpdateStatus.RollForwardPaused, Views.T0.AddMinutes(3).AddSeconds(2)),
        ];

        var cut = Render<AuditPanel>(p => p.Add(c => c.UpdateKey, Views.Key));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")), Wait);
        var row = cut.Find("[data-testid=audit-row]");
        AssertTime(row.QuerySelector("time")!, "16:33:00", "2026-05-01 11:03:00 UTC");
        var result = row.Children[4];
        Assert.Equal("applied (seen in the stream at 16:33:02)", result.TextContent.Trim());
        Assert.Equal("seen in the stream at 2026-05-01 11:03:02 UTC", result.GetAttribute("title"));
    }

    [Fact]
    public void InstancePanel_TimelineAndEvidence_AreLocal()
    {
        Dashboard.Detail = Views.Detail(Views.Instance()) with
        {
            Timeline = [new TaskEventView("task-0", TaskState.Running, "", 0, Views.T0.AddSeconds(20), StatusSource.Executor, "host-1", null)],
        };

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, Views.Instance()));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label='Task timeline'] tbody tr")), Wait);
        AssertTime(cut.Find("[aria-label='Task timeline'] tbody time"), "16:30:20", "2026-05-01 11:00:20 UTC");
        AssertTime(cut.Find("[aria-label='Detection verdicts'] tbody time"), "16:30:00", "2026-05-01 11:00:00 UTC");
    }

    [Fact]
    public void PulseCountdown_Deadline_IsLocalWithUtcOnHover()
    {
        var deadline = Clock.SchedulerNow.AddSeconds(10);

        var cut = Render<PulseCountdown>(p => p.Add(c => c.Deadline, deadline));

        Assert.Equal("17:30:10 (in 10 s)", cut.Find("span").TextContent);
        Assert.Equal("2026-05-01 12:00:10 UTC", cut.Find("span").GetAttribute("title"));
    }
}
