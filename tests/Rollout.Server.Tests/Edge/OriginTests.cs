using System.Net;
using System.Text.Json;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Edge;

public class OriginTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task Negotiate_ForeignOrNullOrigin_Returns403(string origin)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();

        using var response = await http.SendAsync(Negotiate(origin)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task WebSocket_ForeignOrNullOrigin_Returns403(string origin)
    {
        using var app = new DashboardApp();

        var status = await RawHubClient.UpgradeStatusAsync(app.BaseAddress, DashboardHubRoute.Path, origin).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task WebSocket_OwnOrigin_IsAcceptedAndServes()
    {
        using var app = new DashboardApp();
        await app.WaitUntilLiveAsync().WaitAsync(Timeout);
        var own = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        await using var client = await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path, own).WaitAsync(Timeout);
        var id = await client.InvokeAsync(nameof(IDashboardHub.SubscribeList)).WaitAsync(Timeout);
        var completion = await client.ReadUntilAsync(m => RawHubClient.IsCompletionOf(m, id), Timeout);

        Assert.False(completion.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Negotiate_OwnOrConfiguredOrigin_IsAccepted()
    {
        using var app = new DashboardApp(("Dashboard:AllowedOrigins:0", "https://ops.example.com"));
        using var http = app.CreateHttp();

        using var own = await http.SendAsync(Negotiate(app.BaseAddress.GetLeftPart(UriPartial.Authority))).WaitAsync(Timeout);
        using var configured = await http.SendAsync(Negotiate("https://OPS.example.com:443")).WaitAsync(Timeout);
        using var none = await http.SendAsync(Negotiate(null)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task Request_WrongHost_Returns400()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "evil.example";

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/updates")]
    [InlineData(DashboardHubRoute.Path + "/negotiate?negotiateVersion=1")]
    public async Task Preflight_CrossOrigin_GetsNoAllowOrigin(string path)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public void Options_BadAllowedOrigin_FailsStartNamingTheKey()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new DashboardApp(("Dashboard:AllowedOrigins:0", "https://ops.example.com/path")).Dispose());

        Assert.Contains("Dashboard:AllowedOrigins", ex.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Negotiate(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{DashboardHubRoute.Path}/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }
}
