using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Insight;

public class InsightPollerTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Queue<TaskCompletionSource<string?>> _answers = new();
    private int _changes;

    private InsightPoller<string> Poller() => new(_time, Every, () =>
    {
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers.Enqueue(answer);
        return answer.Task;
    }, work => work(), () => _changes++);

    [Fact]
    public async Task Start_FetchesAtOnceThenOnEveryTick()
    {
        using var poller = Poller();
        var start = poller.StartAsync();
        _answers.Dequeue().SetResult("a");
        await start.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", poller.Latest);

        _time.Advance(Every);

        Assert.Equal(2, poller.Fetches);
    }

    [Fact]
    public async Task Tick_WhileAFetchIsInFlight_IsSkipped()
    {
        using var poller = Poller();
        var start = poller.StartAsync();

        _time.Advance(Every);
        _time.Advance(Every);
        Assert.Equal(1, poller.Fetches);

        _answers.Dequeue().SetResult("a");
        await start.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(Every);
        Assert.Equal(2, poller.Fetches);
    }

    [Fact]
    public async Task Poll_FetchFails_KeepsTheLastValueAndSaysSo()
    {
        using var poller = Poller();
        var start = poller.StartAsync();
        _answers.Dequeue().SetResult("a");
        await start.WaitAsync(TimeSpan.FromSeconds(5));

        var next = poller.PollAsync();
        _answers.Dequeue().SetResult(null);
        await next.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("a", poller.Latest);
        Assert.True(poller.Failed);
        Assert.Equal(2, _changes);
    }

    [Fact]
    public async Task Dispose_StopsTheTimerAndDropsAFetchInFlight()
    {
        var poller = Poller();
        var start = poller.StartAsync();

        poller.Dispose();
        _answers.Dequeue().SetResult("late");
        await start.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(Every * 3);

        Assert.Null(poller.Latest);
        Assert.Equal(0, _changes);
        Assert.Equal(1, poller.Fetches);
    }
}
