using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Services;

/// <summary>What needs no server; the connection itself is tested against the real one in Rollout.Server.Tests/Browsers.</summary>
public class DashboardConnectionTests
{
    [Fact]
    public async Task Resolve_AsTheBrowserRegistersIt_UsesThePagesAddress()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<NavigationManager>(new PageNavigation("https://dashboard.example/"));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<DashboardClock>();
        services.AddSingleton<DashboardConnection>(); // as Program.cs does
        await using var provider = services.BuildServiceProvider();

        var connection = provider.GetRequiredService<DashboardConnection>();

        Assert.Equal(HubState.Connecting, connection.State);
        Assert.Equal(ConnectionCounts.None, connection.Counts);
        Assert.Same(provider.GetRequiredService<DashboardStore>(), connection.Store);
    }

    [Fact]
    public async Task SendAsync_NeverConnected_UnavailableAndNothingSent()
    {
        await using var connection = NewConnection();
        var completed = new List<string>();
        connection.CommandCompleted += completed.Add;

        var result = await connection.SendAsync(ControlCommand.Pause, new CommandRequest("a/b/c#d", "why"));

        Assert.Equal(ControlResult.Unavailable("not connected to the dashboard server"), result);
        Assert.Empty(completed); // nothing was sent
    }

    [Fact]
    public async Task StartAsync_AfterDisposal_Refused()
    {
        var connection = NewConnection();

        await connection.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = connection.StartAsync(); });
    }

    private static DashboardConnection NewConnection() =>
        new(new DashboardHubOptions { Url = new Uri("http://127.0.0.1:9/hubs/dashboard") }, new DashboardStore(), new DashboardClock(new FakeTimeProvider()),
            new FakeTimeProvider(), NullLogger<DashboardConnection>.Instance);

    private sealed class PageNavigation : NavigationManager
    {
        public PageNavigation(string baseUri) => Initialize(baseUri, baseUri);
    }
}
