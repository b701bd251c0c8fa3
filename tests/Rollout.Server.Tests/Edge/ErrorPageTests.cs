using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Edge;

public class ErrorPageTests
{
    private const string Secret = "upstream said: key 1234 at 10.0.0.7";

    [Fact]
    public async Task Error_ThrowingEndpointInProduction_AnswersWithoutDetail()
    {
        using var app = new DashboardApp(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingRoute>()), ("environment", "Production"));
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri("/test/throws", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal); // no stack frames
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Error_RequestedDirectly_AnswersTheSameFixedProblem()
    {
        using var app = new DashboardApp(("environment", "Production"));
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri("/error", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A test-only route that fails with a message full of things a browser must never see.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/throws", b => b.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}
