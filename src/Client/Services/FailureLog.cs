using Microsoft.Extensions.Logging;

namespace Rollout.Client.Services;

/// <summary>
/// Logs each distinct failure once. While an operation keeps failing, the first occurrence of each
/// error is logged with its exception and repeats are only counted; when the operation works again,
/// one line gives the counts. A dashboard server down for an hour makes two lines, not hundreds.
/// Used from the page's one thread.
/// </summary>
internal sealed partial class FailureLog(ILogger logger)
{
    /// <summary>Distinct errors logged per streak; errors beyond these (say, each with its own id) are counted together.</summary>
    internal const int MaxDistinct = 8;

    private const string Others = "other errors";

    private readonly Dictionary<string, Streak> _streaks = new(StringComparer.Ordinal);

    /// <returns>How many times in a row <paramref name="operation"/> has failed, this one included.</returns>
    public int Failed(string operation, Exception error) => Failed(operation, Describe(error), error);

    /// <param name="error">What went wrong, in words.</param>
    /// <param name="exception">The exception behind it, if any: logged with its first occurrence.</param>
    public int Failed(string operation, string error, Exception? exception = null)
    {
        if (!_streaks.TryGetValue(operation, out var streak))
        {
            streak = new Streak();
            _streaks[operation] = streak;
        }

        streak.InARow++;
        if (streak.Errors.TryGetValue(error, out var seen))
        {
            streak.Errors[error] = seen + 1;
        }
        else if (streak.Errors.Count < MaxDistinct)
        {
            streak.Errors[error] = 1;
            LogFailed(logger, exception, operation, error);
        }
        else
        {
            streak.Errors[Others] = streak.Errors.GetValueOrDefault(Others) + 1;
        }

        return streak.InARow;
    }

    /// <summary>The operation worked: if it had been failing, one line says how often and with what.</summary>
    public void Succeeded(string operation)
    {
        if (!_streaks.Remove(operation, out var streak)) return;
        var counts = string.Join("; ", streak.Errors.Select(e => $"{e.Value}× {e.Key}"));
        LogRecovered(logger, operation, streak.InARow, counts);
    }

    /// <summary>How many times in a row the operation has failed; 0 when its last try worked.</summary>
    public int InARow(string operation) => _streaks.TryGetValue(operation, out var streak) ? streak.InARow : 0;

    internal static string Describe(Exception error) =>
        error is AggregateException { InnerExceptions.Count: > 0 } all
            ? string.Join("; ", all.InnerExceptions.Select(Describe))
            : $"{error.GetType().Name}: {error.Message}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed: {Error} (logged once; repeats are counted)")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string operation, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} works again after {Count} failure(s) in a row: {Errors}")]
    private static partial void LogRecovered(ILogger logger, string operation, int count, string errors);

    private sealed class Streak
    {
        public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public int InARow { get; set; }
    }
}
