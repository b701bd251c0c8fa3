using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Audit;

/// <summary>
/// Records every operator command (allowed, denied or invalid) with who, when, which update, what
/// and the result; logs it as one structured line with user text escaped; and later marks a command
/// whose outcome was unknown as applied once the event stream shows it. Callers pass the user name
/// as resolved for the command, wherever it came from.
/// </summary>
public sealed partial class AuditTrail(IAuditStore store, DashboardModel model, TimeProvider time, ILogger<AuditTrail> logger)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    // Stored text is bounded: a refused 60 KB name is recorded by its start, not kept whole.
    private const int MaxUserChars = 128;
    private const int MaxKeyChars = 300;
    private const int MaxMessageChars = 1000;
    private const int MaxReasonChars = 2000;

    // A write that failed (disk full, file locked past the timeout) waits here and is retried; never dropped.
    private readonly ConcurrentQueue<AuditEntry> _unwritten = new();
    private readonly ConcurrentDictionary<long, AuditEntry> _unresolved = new();

    /// <summary>Marks a command's arrival, before it is checked or sent.</summary>
    public AuditStamp Stamp() => new(time.GetUtcNow(), model.SchedulerNow);

    public AuditEntry Record(AuditStamp sent, string? user, ControlCommand command, string? updateKey, string? message, ControlResult result)
    {
        var key = DashboardKeys.Parse(updateKey) is { } parsed ? DashboardKeys.Of(parsed) : updateKey;
        var entry = new AuditEntry(0, sent, Bound(user, MaxUserChars), command, Bound(key, MaxKeyChars), Bound(message, MaxMessageChars),
            result with { Reason = Bound(result.Reason, MaxReasonChars) });
#pragma warning disable CA1873 // Guarded; escaping is the point of these arguments.
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogCommand(logger, command, LogText.Escape(entry.UpdateKey), LogText.Escape(entry.User), LogText.Escape(entry.Message),
                result.Outcome, LogText.Escape(entry.Result.Reason));
        }
#pragma warning restore CA1873

        return Write(entry) ?? entry;
    }

    /// <summary>
    /// One update's entries, newest first; <paramref name="limit"/> is capped at <see cref="MaxLimit"/>.
    /// Its unknown outcomes are first reconciled against the published history: a browser fetches the
    /// audit as soon as it is shown a history change, which is already published, so it sees the entry
    /// applied then rather than a second later, when nothing would make it fetch again.
    /// </summary>
    public IReadOnlyList<AuditEntry> List(string updateKey, int limit = DefaultLimit)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        if (!_unresolved.IsEmpty) Reconcile(updateKey);
        var stored = store.List(updateKey, limit);
        var waiting = _unwritten.Where(e => e.UpdateKey == updateKey).ToList();
        return waiting.Count == 0
            ? stored
            : stored.Concat(waiting).OrderByDescending(e => e.Sent.At).ThenByDescending(e => e.Id).Take(limit).ToList();
    }

    /// <summary>Opens the store and picks up unknown outcomes left from before a restart.</summary>
    public void Open()
    {
        store.Open();
        foreach (var entry in store.Unresolved()) _unresolved[entry.Id] = entry;
    }

    /// <summary>Entries still waiting for the stream to show their effect.</summary>
    public int UnresolvedCount => _unresolved.Count;

    /// <summary>Retries failed writes; returns how many are still waiting.</summary>
    public int Flush()
    {
        for (var n = _unwritten.Count; n > 0 && _unwritten.TryDequeue(out var entry); n--)
        {
            if (Write(entry) is null) break; // still failing: it went back in the queue
        }

        return _unwritten.Count;
    }

    /// <summary>
    /// Marks unknown outcomes applied where the published history shows them (of one update, or of
    /// all); returns how many were. Safe to run concurrently: an entry is marked once.
    /// </summary>
    public int Reconcile(string? updateKey = null)
    {
        var applied = 0;
        var updates = model.Published.Updates;
        foreach (var entry in _unresolved.Values)
        {
            if (updateKey is not null && !string.Equals(entry.UpdateKey, updateKey, StringComparison.Ordinal)) continue;
            if (!updates.TryGetValue(entry.UpdateKey, out var update) || AuditReconciler.Applied(entry, update.History) is not { } seen) continue;
            if (!_unresolved.TryRemove(entry.Id, out _)) continue; // another reconciliation is marking it
            try
            {
                store.MarkApplied(entry.Id, seen);
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                _unresolved[entry.Id] = entry;
                LogWriteFailed(logger, ex);
                return applied; // tried again next time
            }

#pragma warning disable CA1873 // Guarded, as above.
            if (logger.IsEnabled(LogLevel.Information))
                LogApplied(logger, entry.Command, LogText.Escape(entry.UpdateKey), LogText.Escape(entry.User), seen.At, seen.Status);
#pragma warning restore CA1873
            applied++;
        }

        return applied;
    }

    private AuditEntry? Write(AuditEntry entry)
    {
        try
        {
            var written = entry with { Id = store.Append(entry) };
            if (written.Unresolved) _unresolved[written.Id] = written;
            return written;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            _unwritten.Enqueue(entry);
            LogWriteFailed(logger, ex);
            return null;
        }
    }

    private static bool IsStoreFailure(Exception ex) => ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException;

    private static string Bound(string? text, int max) =>
        text is null ? string.Empty : text.Length <= max ? text : $"{text[..max]}… ({text.Length} characters)";

    // Structured: every value is a parameter, and user text arrives escaped, so no value can end the line.
    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Command} {Update} by {User} ({Message}) -> {Outcome} {Reason}")]
    private static partial void LogCommand(ILogger logger, ControlCommand command, string update, string user, string message, ControlOutcome outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Command} {Update} by {User} applied (seen in the stream at {AppliedAt:O}, {Status})")]
    private static partial void LogApplied(ILogger logger, ControlCommand command, string update, string user, DateTimeOffset appliedAt, Domain.Model.UpdateStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit failed; the entry is kept in memory and retried")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
