using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Edge;

public class UnknownCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task UpstreamControl_UnknownCommand_IsRefusedAndNothingChanges()
    {
        using var app = new DashboardApp();
        await app.WaitUntilLiveAsync().WaitAsync(Timeout);
        await Poll.UntilAsync(() => app.Engine.ListUpdates().Any(u => u.Status.IsActive()), Timeout, () => "an active update");
        var update = app.Engine.ListUpdates().First(u => u.Status.IsActive());

        var result = await app.Services.GetRequiredService<UpstreamControl>()
            .SendAsync((ControlCommand)99, update.Key, "alice", "what", CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Contains("not known", result.Reason, StringComparison.Ordinal);
        // The update keeps rolling on its own, so "nothing changed" means no status change by this user.
        Assert.DoesNotContain(app.Engine.GetUpdateDetails(update.Key)!.UpdateEvents, e => e.User == "alice");
    }

    [Fact]
    public async Task Hub_UnknownCommandMethod_IsRefused()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync().WaitAsync(Timeout);

        var ex = await Assert.ThrowsAsync<HubException>(() =>
            client.Hub.InvokeAsync<ControlResult>("RestartUpdate", new CommandRequest("a/b/c#d", "x")).WaitAsync(Timeout));

        Assert.Contains("RestartUpdate", ex.Message, StringComparison.Ordinal);
    }
}
