using System.Diagnostics;

namespace Rollout.Server.Tests.Support;

/// <summary>Waits for a condition on state another thread moves (a model, an engine), with a bounded real-time wait.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"still not: {what()}");
            await Task.Delay(20);
        }
    }
}
