using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Replay;
using Rollout.Client.Tests.Support;
using static Rollout.Client.Tests.Replay.ReplaySamples;

namespace Rollout.Client.Tests.Replay;

public sealed class ReplaySessionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeInsightService _insight = new() { Replay = (_, at) => View(at) };
    private readonly ReplaySession _session;
    private int _ticks;

    public ReplaySessionTests()
    {
        _session = new ReplaySession(Info(), _insight, _time);
        _session.Ticked += () => _ticks++;
    }

    public void Dispose() => _session.Dispose();

    private List<string> Fetches => [.. _insight.Requests.Where(r => r.StartsWith("replay ", StringComparison.Ordinal))];

    [Fact]
    public async Task Play_AtTenTimes_TicksAndFetchesTheInsightWhereTheClockIs()
    {
        _session.SetSpeed(10);
        await _session.PlayAsync();
        Assert.Equal(Start, _session.View!.AsOf);

        _time.Advance(ReplaySession.Tick);
        Assert.Equal(1, _ticks);
        await _session.RefreshAsync();

        Assert.Equal(Start.AddSeconds(2.5), _session.View!.AsOf);
        Assert.Equal(2, Fetches.Count);
    }

    [Fact]
    public async Task Pause_StopsTheTicksAndThePosition()
    {
        await _session.PlayAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        _session.Pause();
        var ticks = _ticks;
        var at = _session.Clock.Position;

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(ticks, _ticks);
        Assert.Equal(at, _session.Clock.Position);
    }

    [Fact]
    public async Task Refresh_AtTheEnd_StopsTicking()
    {
        _session.SetSpeed(100);
        await _session.PlayAsync();
        _time.Advance(TimeSpan.FromSeconds(3)); // 300 s of a 240 s recording
        await _session.RefreshAsync();
        var ticks = _ticks;

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(ticks, _ticks);
        Assert.Equal(Info().End, _session.View!.AsOf);
        Assert.False(_session.Clock.Playing);
    }

    [Fact]
    public async Task Seek_FetchesAtOnce_AndTheSamePositionIsNotFetchedTwice()
    {
        await _session.SeekAsync(TimeSpan.FromSeconds(45));
        await _session.RefreshAsync();

        Assert.Equal("headline at +45 s", _session.View!.Blockers.Headline);
        Assert.Single(Fetches);
    }

    [Fact]
    public async Task Refresh_WhileAFetchIsInFlight_AsksForOneMoreAtTheNewPosition()
    {
        var gate = new TaskCompletionSource();
        var first = true;
        _insight.Replay = (_, at) =>
        {
            if (!first) return View(at);
            first = false;
            gate.Task.Wait(TimeSpan.FromSeconds(5));
            return View(at);
        };

        var slow = Task.Run(() => _session.SeekAsync(TimeSpan.FromSeconds(10)));
        await WaitUntil(() => _insight.Requests.Count == 1);
        _session.Clock.Seek(Start.AddSeconds(20));
        await _session.RefreshAsync(); // in flight: only asks for one more
        await _session.RefreshAsync();
        gate.SetResult();
        await slow.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, Fetches.Count);
        Assert.Equal(Start.AddSeconds(20), _session.View!.AsOf);
    }

    [Fact]
    public async Task Refresh_FetchFails_KeepsTheLastViewAndTriesAgainNextTime()
    {
        await _session.SeekAsync(TimeSpan.FromSeconds(5));
        _insight.Replay = (_, _) => null;

        await _session.SeekAsync(TimeSpan.FromSeconds(15));

        Assert.True(_session.FetchFailed);
        Assert.Equal(Start.AddSeconds(5), _session.View!.AsOf);

        _insight.Replay = (_, at) => View(at);
        _time.Advance(ReplaySession.RetryAfter); // paused: a retry is due by itself
        Assert.Equal(1, _ticks);
        await _session.RefreshAsync();
        Assert.False(_session.FetchFailed);
        Assert.Equal(Start.AddSeconds(15), _session.View!.AsOf);
    }

    [Fact]
    public async Task Step_PastEitherEnd_StopsAtIt()
    {
        await _session.StepAsync(TimeSpan.FromSeconds(-10));
        Assert.Equal(TimeSpan.Zero, _session.Offset);

        await _session.StepAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(_session.Duration, _session.Offset);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 5 s");
            await Task.Delay(10);
        }
    }
}
