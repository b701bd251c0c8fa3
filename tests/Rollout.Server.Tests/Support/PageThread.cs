using System.Collections.Concurrent;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// One thread running posted work in order, as a browser's page does: the browser's code runs on it
/// unchanged, its awaits come back to it, and the test reads what it shows there too.
/// </summary>
internal sealed class PageThread : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Work, object? State)> _queue = [];
    private readonly Thread _thread;

    public PageThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "page" };
        _thread.Start();
    }

    /// <summary>Anything that escaped the page's work: a browser would report it as an unhandled error.</summary>
    public ConcurrentQueue<Exception> Unhandled { get; } = new();

    /// <summary>Queues work for the page; once the page is closed, work is dropped, as a closed tab drops it.</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _queue.Add((d, state));
        }
        catch (InvalidOperationException)
        {
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("the page is never waited on synchronously");

    public override SynchronizationContext CreateCopy() => this;

    public Task InvokeAsync(Action work) => InvokeAsync(() =>
    {
        work();
        return Task.FromResult(true);
    });

    public Task<T> InvokeAsync<T>(Func<T> work) => InvokeAsync(() => Task.FromResult(work()));

    public Task InvokeAsync(Func<Task> work) => InvokeAsync(async () =>
    {
        await work();
        return true;
    });

    public Task<T> InvokeAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(async _ =>
        {
            try
            {
                done.SetResult(await work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }, null);
        return done.Task;
    }

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (work, state) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work(state);
            }
            catch (Exception ex)
            {
                Unhandled.Enqueue(ex);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        if (Thread.CurrentThread != _thread && _thread.Join(TimeSpan.FromSeconds(10))) _queue.Dispose();
    }
}
