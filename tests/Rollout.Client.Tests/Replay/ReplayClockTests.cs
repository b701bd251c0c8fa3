using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Replay;

namespace Rollout.Client.Tests.Replay;

public sealed class ReplayClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    private ReplayClock Clock(double minutes = 10) => new(_time, Start, Start.AddMinutes(minutes));

    [Fact]
    public void Position_BeforePlay_StaysAtTheStart()
    {
        var clock = Clock();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start, clock.Position);
        Assert.False(clock.Playing);
    }

    [Fact]
    public void Play_AtTenTimes_MovesTenSecondsPerSecond()
    {
        var clock = Clock();
        clock.SetSpeed(10);
        clock.Play();

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(Start.AddSeconds(30), clock.Position);
    }

    [Fact]
    public void SetSpeed_WhilePlaying_KeepsThePositionAndChangesThePace()
    {
        var clock = Clock();
        clock.Play();
        _time.Advance(TimeSpan.FromSeconds(5));

        clock.SetSpeed(100);
        Assert.Equal(Start.AddSeconds(5), clock.Position);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Start.AddSeconds(105), clock.Position);
    }

    [Fact]
    public void Pause_ThenTimePasses_HoldsThePosition()
    {
        var clock = Clock();
        clock.SetSpeed(2);
        clock.Play();
        _time.Advance(TimeSpan.FromSeconds(10));

        clock.Pause();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(Start.AddSeconds(20), clock.Position);
        Assert.False(clock.Playing);
    }

    [Fact]
    public void Play_PastTheEnd_StopsAtTheEndAndPlayAgainRestarts()
    {
        var clock = Clock(minutes: 1);
        clock.SetSpeed(100);
        clock.Play();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(clock.End, clock.Position);
        Assert.False(clock.Playing);

        clock.Play();
        Assert.Equal(Start, clock.Position);
        Assert.True(clock.Playing);
    }

    [Fact]
    public void Seek_OutsideTheRecording_ClampsToItsEnds()
    {
        var clock = Clock();

        clock.Seek(Start.AddHours(-1));
        Assert.Equal(Start, clock.Position);
        clock.Seek(Start.AddHours(1));
        Assert.Equal(clock.End, clock.Position);
        clock.Seek(Start.AddMinutes(3));
        Assert.Equal(Start.AddMinutes(3), clock.Position);
    }

    [Fact]
    public void SetSpeed_NotOffered_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clock().SetSpeed(3));
    }
}
