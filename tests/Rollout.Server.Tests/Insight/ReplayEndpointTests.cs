using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Contracts.Recording;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Replay;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Insight;

/// <summary>POST /api/replays and the replay hub methods, with recordings the dashboard itself serves.</summary>
public sealed class ReplayEndpointTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly UpdateKey Key = new(new JobKey("www-data", "prod", "web"), "web-1");
    private const string KeyText = "www-data/prod/web#web-1";
    private const string RecordingPath = "/api/updates/www-data/prod/web/web-1/recording";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly LateRolloutScenario _scenario = new("small-rollout", hosts: 6, instances: 4, groupSize: 2);

    public void Dispose() => _scenario.Dispose();

    private DashboardApp NewApp(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null) =>
        new(configure, ("Emulator:Scenarios", _scenario.Path), ("Emulator:Speed", "20"));

    [Fact]
    public async Task PostReplay_RecordingOfAFinishedUpdate_ReplaysItToItsFinalStatus()
    {
        await using var app = NewApp();
        await using var browser = await app.ConnectAsync(KeyText);
        await browser.WaitUntil(s => s.Update(KeyText)?.Status.IsTerminal() == true, "the update finished", Timeout);
        var live = await browser.ReadAsync(s => s.Update(KeyText)!.Status);
        using var http = app.CreateHttp();
        var file = await http.GetByteArrayAsync(new Uri(RecordingPath, UriKind.Relative)).WaitAsync(Timeout);
        var recording = RecordingReader.Read(new MemoryStream(file));

        using var response = await http.PostAsync(new Uri("/api/replays?name=web.rollout.jsonl", UriKind.Relative), new ByteArrayContent(file)).WaitAsync(Timeout);
        var info = await response.Content.ReadFromJsonAsync<ReplayInfo>(Json).WaitAsync(Timeout);
        var held = await http.GetFromJsonAsync<ReplayInfo>(new Uri($"/api/replays/{info!.Id}", UriKind.Relative), Json).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((KeyText, "web.rollout.jsonl", recording.Events.Count, false), (info.UpdateKey, info.FileName, info.Events, info.Truncated));
        Assert.Equal(info, held);
        Assert.True(info.Start < info.End);

        var mid = info.Start + ((info.End - info.Start) / 2);
        var atStart = await ReplayInsight(browser, info.Id, info.Start.AddHours(-1));
        var atMid = await ReplayInsight(browser, info.Id, mid);
        var atEnd = await ReplayInsight(browser, info.Id, info.End.AddHours(1));
        var batch = await browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetReplayTimelineDetail), info.Id, info.End, 0).WaitAsync(Timeout);

        Assert.Equal(info.Start, atStart!.AsOf);
        Assert.Equal(mid, atMid!.AsOf);
        Assert.Equal(info.End, atEnd!.AsOf);
        Assert.True(atStart.Timeline.EndMs <= atMid.Timeline.EndMs && atMid.Timeline.EndMs < atEnd.Timeline.EndMs,
            $"EndMs {atStart.Timeline.EndMs}, {atMid.Timeline.EndMs}, {atEnd.Timeline.EndMs}");
        Assert.Equal(live, atEnd.Status);
        Assert.Equal(UpdateStatus.RolledForward, atEnd.Status);
        Assert.Equal(4, atEnd.Timeline.InstanceCount);
        Assert.NotNull(batch);
        Assert.Equal(2, batch.InstanceIds.Length);
    }

    [Fact]
    public async Task PostReplayFromLive_KnownAndUnknownUpdate_Returns201Or404()
    {
        await using var app = NewApp();
        var model = app.Services.GetRequiredService<DashboardModel>();
        await Poll.UntilAsync(() => model.Recording(Key)?.UpdaterEventCount >= 2, Timeout, () => "the update started");
        using var http = app.CreateHttp();

        using var made = await http.PostAsync(new Uri("/api/replays/from/www-data/prod/web/web-1", UriKind.Relative), null).WaitAsync(Timeout);
        using var missing = await http.PostAsync(new Uri("/api/replays/from/www-data/prod/web/nope", UriKind.Relative), null).WaitAsync(Timeout);
        var info = await made.Content.ReadFromJsonAsync<ReplayInfo>(Json).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(KeyText, info!.UpdateKey);
        Assert.Equal("www-data-prod-web-web-1.rollout.jsonl", info.FileName);
        Assert.True(info.Events > 0);
        Assert.Equal(1, app.Services.GetRequiredService<ReplayStore>().Held);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PostReplay_NotARecording_Returns400NamingTheLine()
    {
        await using var app = NewApp();
        using var http = app.CreateHttp();

        using var response = await http.PostAsync(new Uri("/api/replays", UriKind.Relative), new StringContent("this is not json\n")).WaitAsync(Timeout);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("line 1:", problem.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, app.Services.GetRequiredService<ReplayStore>().Held);
    }

    [Fact]
    public async Task PostReplay_LargerThanTheCap_Returns413()
    {
        await using var app = NewApp(b => b.ConfigureTestServices(s => s.AddSingleton(new ReplayStore(maxHeld: 2, maxUploadBytes: 1024))));
        using var http = app.CreateHttp();
        var body = new string('x', 4096);

        using var sized = await http.PostAsync(new Uri("/api/replays", UriKind.Relative), new StringContent(body)).WaitAsync(Timeout);
        using var chunked = await http.PostAsync(new Uri("/api/replays", UriKind.Relative), new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)))).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Contains("at most", await sized.Content.ReadAsStringAsync().WaitAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task Replay_UnknownOrMalformedId_Is404OrNullOrAHubError()
    {
        await using var app = NewApp();
        await using var browser = await app.ConnectAsync();
        using var http = app.CreateHttp();

        using var missing = await http.GetAsync(new Uri("/api/replays/0123456789abcdef", UriKind.Relative)).WaitAsync(Timeout);
        using var malformed = await http.GetAsync(new Uri("/api/replays/nope", UriKind.Relative)).WaitAsync(Timeout);
        var view = await ReplayInsight(browser, "0123456789abcdef", DateTimeOffset.UnixEpoch);
        var detail = await browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetReplayTimelineDetail), "0123456789abcdef", DateTimeOffset.UnixEpoch, 0).WaitAsync(Timeout);
        var error = await Assert.ThrowsAsync<HubException>(() => ReplayInsight(browser, "../nope", DateTimeOffset.UnixEpoch));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Null(view);
        Assert.Null(detail);
        Assert.Contains("is not a replay id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsightApi_SignedOut_Is401LikeOtherReads()
    {
        await using var app = NewApp();
        using var anonymous = app.CreateHttp(token: null);

        using var upload = await anonymous.PostAsync(new Uri("/api/replays", UriKind.Relative), new StringContent("x")).WaitAsync(Timeout);
        using var fromLive = await anonymous.PostAsync(new Uri("/api/replays/from/www-data/prod/web/web-1", UriKind.Relative), null).WaitAsync(Timeout);
        using var info = await anonymous.GetAsync(new Uri("/api/replays/0123456789abcdef", UriKind.Relative)).WaitAsync(Timeout);
        using var insight = await anonymous.GetAsync(new Uri("/api/updates/www-data/prod/web/web-1/insight", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [upload.StatusCode, fromLive.StatusCode, info.StatusCode, insight.StatusCode]);
    }

    [Fact]
    public async Task PostReplay_ForeignOrigin_Returns403AndHoldsNothing()
    {
        await using var app = NewApp();
        using var http = app.CreateHttp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/replays/from/www-data/prod/web/web-1", UriKind.Relative));
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.Services.GetRequiredService<ReplayStore>().Held);
    }

    [Fact]
    public async Task GetInsightApi_KnownAndUnknownUpdate_ReturnsTheViewAsJsonOr404()
    {
        await using var app = NewApp();
        var model = app.Services.GetRequiredService<DashboardModel>();
        await Poll.UntilAsync(() => model.Recording(Key)?.UpdaterEventCount >= 2, Timeout, () => "the update started");
        using var http = app.CreateHttp();

        var view = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/updates/www-data/prod/web/web-1/insight", UriKind.Relative)).WaitAsync(Timeout);
        using var missing = await http.GetAsync(new Uri("/api/updates/www-data/prod/web/nope/insight", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(KeyText, view.GetProperty("updateKey").GetString());
        Assert.Equal(JsonValueKind.String, view.GetProperty("blockers").GetProperty("headline").ValueKind);
        Assert.Equal(JsonValueKind.String, view.GetProperty("status").ValueKind); // enums by name
        Assert.Equal(4, view.GetProperty("timeline").GetProperty("instanceCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static Task<InsightView?> ReplayInsight(TestBrowser browser, string id, DateTimeOffset at) =>
        browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetReplayInsight), id, at).WaitAsync(Timeout);
}
