using Rollout.Client.Components;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Comfort;

public class TimeTextTests
{
    // Fixed zones, so the tests do not depend on the machine's zone or its time zone database.
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.CreateCustomTimeZone("Test/Kolkata", TimeSpan.FromHours(5.5), "Test/Kolkata", "IST");
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.CreateCustomTimeZone("Test/Pacific", TimeSpan.FromHours(-8), "Test/Pacific", "PST");

    private static readonly DateTimeOffset At = new(2026, 5, 1, 11, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Local_FixedZone_ShowsTheViewersTimeOfDay() => Assert.Equal("16:34:05", TimeText.Local(At, Kolkata));

    [Fact]
    public void Local_DateTimeStyleBehindUtc_ShowsTheViewersDate() =>
        Assert.Equal("2026-04-30 18:04:05", TimeText.Local(At.AddHours(-9), Pacific, TimeStyle.DateTime));

    [Fact]
    public void Local_TimeWithAnotherOffset_IsTheSameInstantInTheViewersZone() =>
        Assert.Equal("16:34:05", TimeText.Local(At.ToOffset(TimeSpan.FromHours(-3)), Kolkata));

    [Fact]
    public void Utc_AnyOffset_ShowsTheUtcInstant() => Assert.Equal("2026-05-01 11:04:05 UTC", TimeText.Utc(At.ToOffset(TimeSpan.FromHours(2))));

    [Fact]
    public void Iso_IsMachineReadableUtc() => Assert.Equal("2026-05-01T11:04:05.000Z", TimeText.Iso(At.ToOffset(TimeSpan.FromHours(5.5))));

    [Fact]
    public void Both_NamesTheZoneAndUtc() => Assert.Equal("2026-05-01 16:34:05 Test/Kolkata · 2026-05-01 11:04:05 UTC", TimeText.Both(At, Kolkata));

    [Fact]
    public void ViewerTimeZone_UnknownName_KeepsTheZone()
    {
        var viewer = new ViewerTimeZone(Kolkata);

        Assert.False(viewer.Use("Not/A_Zone"));
        Assert.False(viewer.Use(null));
        Assert.False(viewer.Use(" "));
        Assert.Same(Kolkata, viewer.Zone);
    }

    [Fact]
    public void ViewerTimeZone_KnownName_IsUsed()
    {
        var viewer = new ViewerTimeZone(Kolkata);

        Assert.True(viewer.Use("UTC"));
        Assert.Equal(TimeSpan.Zero, viewer.Zone.BaseUtcOffset);
    }
}
