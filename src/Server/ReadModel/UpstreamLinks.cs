using Rollout.Domain.Dashboard;

namespace Rollout.Server.ReadModel;

public enum UpstreamFeed
{
    Status,
    Updater,
}

/// <summary>The state of both upstream streams, turned into the one connection state browsers see.</summary>
internal sealed class UpstreamLinks(TimeProvider time, Func<TimeSpan> lostAfter)
{
    /// <summary>A connection that held this long really was up, even if no event came.</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(5);

    private readonly Dictionary<UpstreamFeed, Link> _links = new()
    {
        [UpstreamFeed.Status] = new(),
        [UpstreamFeed.Updater] = new(),
    };

    /// <summary>While not live, browsers show when the last event came; hearing of it every second is enough.</summary>
    private static readonly TimeSpan LastEventResend = TimeSpan.FromSeconds(1);

    private long _badMessages;
    private long _reconnects;
    private long _snapshots;
    private long _rejected;

    /// <summary>The last event time browsers were told of.</summary>
    private DateTimeOffset? _toldLastEventAt;

    public ConnectionView Current { get; private set; } = ConnectionView.Initial;

    public void Connected(UpstreamFeed feed)
    {
        var link = _links[feed];
        if (link.DownSince is not null) _reconnects++; // it had failed: this is a reconnect
        link.Connected = true;
        link.UpSince = time.GetUtcNow();
        link.Progressed = false;
        link.Detail = string.Empty;
    }

    public void Failed(UpstreamFeed feed, string error)
    {
        var link = _links[feed];
        var now = time.GetUtcNow();

        // A connection that made progress or held for a while really was up; one that fails right
        // after its headers (again and again) is still the same outage, so it can turn "lost".
        var wasUp = link.Connected && (link.Progressed || now - link.UpSince >= StableAfter);
        if (link.DownSince is null || wasUp) link.DownSince = now;
        link.Connected = false;
        link.Detail = error;
    }

    public void Progressed(UpstreamFeed feed, DateTimeOffset now)
    {
        var link = _links[feed];
        link.LastEventAt = now;
        link.Progressed = true;
    }

    public void BadMessage(UpstreamFeed feed, string detail)
    {
        _badMessages++;
        _links[feed].Detail = $"bad message skipped: {detail}";
    }

    /// <summary>An upstream snapshot arrived (applied, or refused for its position).</summary>
    public void Snapshot() => _snapshots++;

    /// <summary>Events or a snapshot refused for their position; <paramref name="detail"/> describes the latest.</summary>
    public void Rejected(UpstreamFeed feed, string detail, long count = 1)
    {
        _rejected += count;
        _links[feed].Detail = detail;
    }

    /// <summary>Recomputes <see cref="Current"/>; true when browsers should hear of it.</summary>
    public bool Refresh()
    {
        var links = _links.Values;
        var lastEvent = links.Max(l => l.LastEventAt);
        ConnectionView next;
        if (links.All(l => l.Connected))
        {
            next = new ConnectionView(UpstreamState.Live, links.Max(l => l.UpSince), lastEvent, Detail(), _badMessages);
        }
        else if (links.All(l => l.DownSince is null))
        {
            next = new ConnectionView(UpstreamState.Connecting, null, lastEvent, Detail(), _badMessages);
        }
        else
        {
            var since = links.Where(l => !l.Connected && l.DownSince is not null).Select(l => l.DownSince).Min();
            var state = since is { } s && time.GetUtcNow() - s >= lostAfter() ? UpstreamState.Lost : UpstreamState.Reconnecting;
            next = new ConnectionView(state, since, lastEvent, Detail(), _badMessages);
        }

        next = next with { Reconnects = _reconnects, Snapshots = _snapshots, RejectedEvents = _rejected };

        // Event times move on every event: while live they are not pushed at all, otherwise (one stream
        // still up during an outage) at most once per LastEventResend, not with every event.
        var worthTelling = (next with { LastEventAt = Current.LastEventAt }) != Current
            || (next.State != UpstreamState.Live && LastEventNews(next.LastEventAt));
        Current = next;
        if (worthTelling) _toldLastEventAt = next.LastEventAt;
        return worthTelling;
    }

    private bool LastEventNews(DateTimeOffset? lastEvent) =>
        lastEvent != _toldLastEventAt && (lastEvent is null || _toldLastEventAt is null || lastEvent.Value - _toldLastEventAt.Value >= LastEventResend);

    private string Detail() => string.Join("; ", _links.Where(l => l.Value.Detail.Length > 0).Select(l => $"{l.Key.ToString().ToLowerInvariant()}: {l.Value.Detail}"));

    private sealed class Link
    {
        public bool Connected { get; set; }

        /// <summary>When the current connection came up.</summary>
        public DateTimeOffset? UpSince { get; set; }

        /// <summary>When the link went down; a connection that drops again at once keeps the first time.</summary>
        public DateTimeOffset? DownSince { get; set; }

        /// <summary>Whether an event arrived since the current connection came up.</summary>
        public bool Progressed { get; set; }

        public DateTimeOffset? LastEventAt { get; set; }

        public string Detail { get; set; } = string.Empty;
    }
}
