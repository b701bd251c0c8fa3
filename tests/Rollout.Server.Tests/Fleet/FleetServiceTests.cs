using Microsoft.Extensions.Time.Testing;
using Rollout.Server.Fleet;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Tests.Fleet;

public sealed class FleetServiceTests
{
    [Fact]
    public async Task Sample_BeforeAnythingArrived_RecordsNoFalseZero()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await using var fleet = new FleetService(new DashboardModel(time), time);
        await fleet.StartAsync(CancellationToken.None);

        time.Advance(FleetService.FirstSampleAfter);
        time.Advance(FleetService.SampleEvery);

        Assert.Empty(fleet.Current().Adoption);
        Assert.Equal(0, fleet.Current().Totals.Hosts);
    }
}
