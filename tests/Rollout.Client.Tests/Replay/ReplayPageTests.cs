using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ReplayPage = Rollout.Client.Pages.Replay;
using Rollout.Client.Replay;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using static Rollout.Client.Tests.Replay.ReplaySamples;

namespace Rollout.Client.Tests.Replay;

public sealed class ReplayPageTests : ClientTest
{
    public ReplayPageTests()
    {
        Insight.Replay = (_, at) => View(at);
    }

    private FakeReplayApi Api => Replays;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private KeyboardShortcuts Shortcuts => Services.GetRequiredService<KeyboardShortcuts>();

    private IRenderedComponent<ReplayPage> Loaded()
    {
        Navigation.NavigateTo("/replay");
        var cut = Render<ReplayPage>();
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{ \"format\": \"rollout-recording\" }\n", "web-1.rollout.jsonl"));
        cut.WaitForAssertion(() => Assert.Contains("headline at +0 s", cut.Markup, StringComparison.Ordinal), Wait);
        return cut;
    }

    [Fact]
    public void LoadFile_UploadsIt_ShowsTheUpdateAndItsInsightAtTheStart()
    {
        var cut = Loaded();

        Assert.Equal(["upload web-1.rollout.jsonl"], Api.Requests);
        Assert.Contains("rollout-recording", Assert.Single(Api.UploadedText), StringComparison.Ordinal);
        Assert.Equal("www-data/prod/web#web-1", cut.Find("[data-replay-update]").TextContent.Trim());
        Assert.Contains("+0:00 of 4:00", cut.Find("[data-replay-position]").TextContent, StringComparison.Ordinal);
        Assert.True(Navigation.Uri.EndsWith("replay?id=0123456789abcdef&at=0", StringComparison.Ordinal), Navigation.Uri);
    }

    [Fact]
    public void LoadFile_ServerRefusesIt_ShowsItsWordsInAnAlert()
    {
        Api.Next = ReplayAnswer.Failed("line 3: not JSON");
        var cut = Render<ReplayPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("nonsense", "bad.jsonl"));

        cut.WaitForAssertion(() => Assert.Equal("line 3: not JSON", cut.Find("[data-replay-error]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[aria-label='Replay controls']"));
    }

    [Fact]
    public void DeepLink_ReopensTheHeldReplayAtItsPosition()
    {
        Navigation.NavigateTo("/replay?id=0123456789abcdef&at=45000");

        var cut = Render<ReplayPage>();

        cut.WaitForAssertion(() => Assert.Contains("headline at +45 s", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(["get 0123456789abcdef"], Api.Requests);
    }

    [Fact]
    public void StepButtons_MoveTenSeconds_AndTheUrlKeepsThePosition()
    {
        var cut = Loaded();

        cut.Find("button[aria-label='Forward 10 seconds']").Click();
        cut.WaitForAssertion(() => Assert.Contains("headline at +10 s", cut.Markup, StringComparison.Ordinal), Wait);
        cut.Find("button[aria-label='To the end']").Click();
        cut.WaitForAssertion(() => Assert.Contains("headline at +240 s", cut.Markup, StringComparison.Ordinal), Wait);
        cut.Find("button[aria-label='Back 10 seconds']").Click();

        cut.WaitForAssertion(() => Assert.Contains("headline at +230 s", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.EndsWith("at=230000", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Play_MovesWithTheClockAtTheChosenSpeed_PauseHoldsIt()
    {
        var cut = Loaded();
        var speed = cut.FindComponent<MudBlazor.MudSelect<double>>();
        await cut.InvokeAsync(() => speed.Instance.ValueChanged.InvokeAsync(10)).WaitAsync(Wait);

        cut.Find("button[aria-label='Play']").Click();
        Time.Advance(TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Contains("headline at +20 s", cut.Markup, StringComparison.Ordinal), Wait);
        cut.Find("button[aria-label='Pause']").Click();
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Contains("headline at +20 s", cut.Markup, StringComparison.Ordinal);
        Assert.EndsWith("at=20000", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shortcuts_PeriodPlaysAndBracketsStep()
    {
        var cut = Loaded();

        await cut.InvokeAsync(() => Shortcuts.OnKey("]", "page", false, false, false));
        cut.WaitForAssertion(() => Assert.Contains("headline at +10 s", cut.Markup, StringComparison.Ordinal), Wait);
        await cut.InvokeAsync(() => Shortcuts.OnKey(".", "page", false, false, false));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button[aria-label='Pause']")), Wait);
        await cut.InvokeAsync(() => Shortcuts.OnKey(".", "page", false, false, false));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button[aria-label='Play']")), Wait);
    }

    [Fact]
    public void RecordingActions_Replay_MakesOneFromTheUpdateAndOpensIt()
    {
        var cut = Render<Rollout.Client.Components.RecordingActions>(p => p.Add(a => a.UpdateKey, "www-data/prod/web#web-1"));

        Assert.Equal("api/updates/www-data/prod/web/web-1/recording", cut.Find("a[aria-label='Download recording']").GetAttribute("href"));
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/replay?id=0123456789abcdef", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.Equal(["from www-data/prod/web#web-1"], Api.Requests);
    }

    [Fact]
    public void Deadline_InAReplay_CountsFromTheReplaysInstantNotTheLiveClock()
    {
        Insight.Replay = (_, at) => View(at) with
        {
            Blockers = new Domain.Insight.BlockedExplanation(Domain.Model.UpdateStatus.RollingForward,
                [new Domain.Insight.BlockingReason(Domain.Insight.BlockingKind.WatchCountdown, "3 instance(s) RUNNING", "3 in watch_secs", [5, 6, 7], 3, at.AddSeconds(17))],
                $"headline at +{(at - Start).TotalSeconds:0} s"),
        };

        var cut = Loaded();

        cut.WaitForAssertion(() => Assert.Contains("(in 17 s)", cut.Find("[data-testid=deadline]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(Domain.Dashboard.DashboardViews.List, Dashboard.Watched); // the connection banner stays current
    }
}
