using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Tests.Components;

/// <summary>What the banner says of upstream faults: data shown stale, reconnects, refused events.</summary>
public class ConnectionBannerFaultTests : ClientTest
{
    private IRenderedComponent<ConnectionBanner> Banner(ConnectionView connection) =>
        Render<ConnectionBanner>(p => p.Add(b => b.Connection, connection).Add(b => b.Hub, HubState.Connected));

    [Theory]
    [InlineData(UpstreamState.Reconnecting)]
    [InlineData(UpstreamState.Lost)]
    public void Render_LinkDown_MarksTheDataStale(UpstreamState state)
    {
        var last = Time.GetUtcNow().AddSeconds(-12);
        var cut = Banner(new ConnectionView(state, last, last, "status: Unavailable", 0));

        Assert.Equal("stale: last event 12 s ago", cut.Find("[data-connection=stale]").TextContent.Trim());
    }

    [Fact]
    public void Render_Live_IsNotStale()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, Time.GetUtcNow(), Time.GetUtcNow(), "", 0));

        Assert.Empty(cut.FindAll("[data-connection=stale]"));
        Assert.Empty(cut.FindAll("[data-connection=reconnects]"));
        Assert.Empty(cut.FindAll("[data-connection=rejected]"));
    }

    [Fact]
    public void Render_Counts_ShowsReconnectsAndRefusedEvents()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, Time.GetUtcNow(), Time.GetUtcNow(), "", 0) { Reconnects = 3, Snapshots = 5, RejectedEvents = 7 });

        Assert.Equal("upstream reconnected 3×", cut.Find("[data-connection=reconnects]").TextContent.Trim());
        Assert.Contains("7 upstream event(s) refused", cut.Find("[data-connection=rejected]").TextContent, StringComparison.Ordinal);
    }
}
