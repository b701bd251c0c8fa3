using System.Security.Cryptography;
using Rollout.Contracts.Recording;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Recording;

namespace Rollout.Server.Replay;

/// <summary>
/// Recordings held for replay, each with its own fold behind its own lock. Ids are random, so one
/// viewer cannot guess another's. At most <see cref="MaxHeld"/> are held: adding one past that drops
/// the least recently used. Scrubbing back in a replay refolds it from its start (bounded by the
/// recording's size).
/// </summary>
public sealed class ReplayStore
{
    public const int DefaultMaxHeld = 8;

    /// <summary>The largest recording file taken (a capped journal of the largest update is well under it).</summary>
    public const long DefaultMaxUploadBytes = 256L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, HeldReplay> _replays = new(StringComparer.Ordinal);
    private long _uses; // a use count orders the replays by recency, ties impossible

    public ReplayStore()
        : this(DefaultMaxHeld, DefaultMaxUploadBytes)
    {
    }

    internal ReplayStore(int maxHeld, long maxUploadBytes)
    {
        MaxHeld = maxHeld;
        MaxUploadBytes = maxUploadBytes;
    }

    public int MaxHeld { get; }

    public long MaxUploadBytes { get; }

    public int Held
    {
        get
        {
            lock (_gate) return _replays.Count;
        }
    }

    /// <summary>Parses a recording file and holds it.</summary>
    /// <exception cref="RecordingFormatException">The file is not a valid recording; the message names the line.</exception>
    public ReplayInfo Add(Stream file, string? fileName)
    {
        var recording = RecordingReader.Read(file);
        return Add(recording, CleanName(fileName) ?? RecordingFormat.FileName(recording.Update));
    }

    /// <summary>Holds a recording taken from the live journal, or already read.</summary>
    public ReplayInfo Add(UpdateRecording recording, string fileName)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var log = UpdateLog.From(recording.Update, recording.UpdaterEvents(), recording.StatusUpdates());
        // From the update's start: the prior state before it is only what the update found, there is nothing to watch yet.
        var started = recording.UpdaterEvents().OfType<UpdateStarted>().Select(e => (DateTimeOffset?)e.Timestamp).FirstOrDefault();
        var start = started ?? (log.Count > 0 ? log[0].Timestamp : recording.RecordedAt);
        var end = log.Count > 0 ? log[log.Count - 1].Timestamp : recording.RecordedAt;
        var info = new ReplayInfo(NewId(), DashboardKeys.Of(recording.Update), fileName, start, end, recording.Events.Count, recording.Truncated);
        var held = new HeldReplay(info, new UpdateInsightFold(log));
        lock (_gate)
        {
            held.LastUsed = ++_uses;
            while (_replays.Count >= MaxHeld) _replays.Remove(_replays.MinBy(r => r.Value.LastUsed).Key);
            _replays[info.Id] = held;
        }

        return info;
    }

    public ReplayInfo? Info(string id) => Find(id)?.Info;

    /// <summary>The replay's insight as of <paramref name="at"/>, clamped into its [Start, End]; null for an unknown replay.</summary>
    public InsightView? View(string id, DateTimeOffset at) => Find(id) is { } held ? held.Build(at).View(held.Info.UpdateKey) : null;

    /// <summary>One batch of the replay's timeline as of <paramref name="at"/> (clamped); null for an unknown replay or batch.</summary>
    public TimelineDetail? Detail(string id, DateTimeOffset at, int batchIndex) => Find(id)?.Build(at).Timeline.Detail(batchIndex);

    /// <summary>Whether <paramref name="id"/> has the form of a replay id (what <see cref="NewId"/> makes).</summary>
    public static bool IsId(string? id) => id is { Length: 16 } && id.All(char.IsAsciiHexDigitLower);

    private HeldReplay? Find(string id)
    {
        lock (_gate)
        {
            if (!_replays.TryGetValue(id, out var held)) return null;
            held.LastUsed = ++_uses;
            return held;
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Only a name to show: no folders, no control characters, not too long.</summary>
    private static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var cleaned = new string(Path.GetFileName(name.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned.Length <= 200 ? cleaned : cleaned[..200];
    }

    private sealed class HeldReplay(ReplayInfo info, UpdateInsightFold fold)
    {
        private readonly Lock _gate = new();
        private (DateTimeOffset At, UpdateInsight Insight)? _last;

        public ReplayInfo Info => info;

        public long LastUsed { get; set; }

        /// <summary>Several calls for one position (the view, then a batch of it) fold once.</summary>
        public UpdateInsight Build(DateTimeOffset at)
        {
            var clamped = at < info.Start ? info.Start : at > info.End ? info.End : at;
            lock (_gate)
            {
                if (_last is { } last && last.At == clamped) return last.Insight;
                var insight = fold.Build(clamped);
                _last = (clamped, insight);
                return insight;
            }
        }
    }
}
