using System.Net;
using System.Text;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Replay;

public sealed class ReplayApiTests
{
    private sealed class ScriptedHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, sent));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        }
    }

    private static (ReplayApi Api, ScriptedHandler Handler) Api(HttpStatusCode status, string body, string mediaType = "application/json")
    {
        var handler = new ScriptedHandler(status, body, mediaType);
        return (new ReplayApi(new HttpClient(handler) { BaseAddress = new Uri("http://dashboard.test/") }), handler);
    }

    private const string Info =
        """{"id":"0123456789abcdef","updateKey":"www-data/prod/web#web-1","fileName":"r.jsonl","start":"2026-06-01T09:00:00+00:00","end":"2026-06-01T09:04:00+00:00","events":224,"truncated":true}""";

    [Fact]
    public async Task Upload_Created_PostsTheFileAndReadsTheReplay()
    {
        var (api, handler) = Api(HttpStatusCode.Created, Info);

        var answer = await api.UploadAsync(new MemoryStream(Encoding.UTF8.GetBytes("line 1\n")), "my file.jsonl").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Null(answer.Error);
        Assert.Equal(("0123456789abcdef", 224, true), (answer.Info!.Id, answer.Info.Events, answer.Info.Truncated));
        Assert.Equal(ReplaySamples.Start.AddMinutes(4), answer.Info.End);
        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/replays?name=my%20file.jsonl", "line 1\n"), request);
    }

    [Fact]
    public async Task Upload_BadFile_GivesTheServersWordsNamingTheLine()
    {
        var (api, _) = Api(HttpStatusCode.BadRequest, """{"title":"not a recording","detail":"line 3: not JSON","error":"line 3: not JSON"}""", "application/problem+json");

        var answer = await api.UploadAsync(new MemoryStream([1]), "r.jsonl").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Null(answer.Info);
        Assert.Equal("line 3: not JSON", answer.Error);
    }

    [Fact]
    public async Task Upload_TooLargeWithoutAProblemDocument_SaysTheFileIsTooLarge()
    {
        var (api, _) = Api(HttpStatusCode.RequestEntityTooLarge, "<html>too big</html>", "text/html");

        var answer = await api.UploadAsync(new MemoryStream([1]), "r.jsonl").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("the file is too large", answer.Error);
    }

    [Fact]
    public async Task FromUpdate_EscapesTheKeysPartsIntoThePath()
    {
        var (api, handler) = Api(HttpStatusCode.Created, Info);

        var answer = await api.FromUpdateAsync("www-data/prod/web#web 1").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(answer.Info);
        Assert.Equal("/api/replays/from/www-data/prod/web/web%201", Assert.Single(handler.Requests).Path);
    }

    [Fact]
    public async Task Get_Unauthorized_SaysToSignInAgain()
    {
        var (api, _) = Api(HttpStatusCode.Unauthorized, string.Empty);

        var answer = await api.GetAsync("0123456789abcdef").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("not signed in: open the sign-in link again", answer.Error);
    }

    [Fact]
    public async Task FromUpdate_NotAKey_IsRefusedWithoutARequest()
    {
        var (api, handler) = Api(HttpStatusCode.Created, Info);

        var answer = await api.FromUpdateAsync("no key").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains("is not an update key", answer.Error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
