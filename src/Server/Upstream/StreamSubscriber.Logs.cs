using Rollout.Domain.Streams;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Upstream;

/// <summary>
/// One line per reconnect and per snapshot (with its reason and the counts so far); refused events,
/// skipped messages and failed attempts at most once per interval, each line saying how many it stands for.
/// </summary>
public abstract partial class StreamSubscriber<TMessage, TItem>
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Upstream {Stream} stream failed: {Error}; retrying in {DelayMs} ms (attempt {Attempt}; {Failures} failures in all, {Held} more since the last line)")]
    private static partial void LogStreamFailed(ILogger logger, UpstreamFeed stream, string error, long delayMs, int attempt, long failures, long held);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream {Stream} stream: next attempt in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, UpstreamFeed stream, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream} stream failed unexpectedly")]
    private static partial void LogStreamError(ILogger logger, Exception exception, UpstreamFeed stream);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Upstream {Stream} stream reconnected after {Attempts} failed attempt(s), resuming from {Position} ({Reconnects} reconnects in all)")]
    private static partial void LogReconnected(ILogger logger, UpstreamFeed stream, int attempts, long reconnects, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream {Stream} stream silent for {Silence}; resubscribing from {Position} to check the scheduler answers")]
    private static partial void LogSilent(ILogger logger, UpstreamFeed stream, TimeSpan silence, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Upstream {Stream} snapshot at {Position}, {Items} items, reason: {Reason}; {Outcome} (held {Held}; {Snapshots} snapshots in all)")]
    private static partial void LogSnapshot(ILogger logger, UpstreamFeed stream, StreamPosition position, int items, string reason, string outcome, StreamPosition held, long snapshots);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Upstream {Stream} snapshot at {Position} (reason: {Reason}) refused: behind the position held {Held} ({Snapshots} snapshots, {Rejected} refusals in all)")]
    private static partial void LogSnapshotRefused(ILogger logger, UpstreamFeed stream, StreamPosition position, string reason, StreamPosition held, long snapshots, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream}: {Count} event(s) refused, the latest: {Detail} ({Rejected} in all, {Held} more since the last line)")]
    private static partial void LogRejected(ILogger logger, UpstreamFeed stream, long count, string detail, long rejected, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream}: {Held} more refusal line(s) held back ({Rejected} refused in all)")]
    private static partial void LogRejectedHeld(ILogger logger, UpstreamFeed stream, long held, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream} message skipped: {Detail} ({Skipped} in all, {Held} more since the last line)")]
    private static partial void LogSkipped(ILogger logger, UpstreamFeed stream, string detail, long skipped, long held);

    [LoggerMessage(Level = LogLevel.Error, Message = "Upstream {Stream} message skipped: {Detail} ({Skipped} in all, {Held} more since the last line)")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception, UpstreamFeed stream, string detail, long skipped, long held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream}: {Held} more skipped message line(s) held back ({Skipped} skipped in all)")]
    private static partial void LogSkippedHeld(ILogger logger, UpstreamFeed stream, long held, long skipped);
}
