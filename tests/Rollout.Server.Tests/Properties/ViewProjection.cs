using System.Globalization;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Tests.Properties;

/// <summary>An update's header as compared: every field shown, lists flattened so records compare by value.</summary>
internal sealed record HeaderRow(
    string Key, string Status, string User, string Created, string LastModified, string Strategy, string Settings, string Desired,
    int Instances, int Updated, int Failed, int HealthGated, int WatchSecs, int Undetermined, int Hazards, string PulseDeadline)
{
    public static HeaderRow Of(UpdateView u) => new(
        u.Key, u.Status.ToString(), u.User, Time(u.Created), Time(u.LastModified), u.DetectionStrategy.ToString(),
        $"{u.Settings with { GroupSizes = [] }} sizes=[{string.Join(',', u.Settings.GroupSizes)}]", u.DesiredConfig?.ToString() ?? "-",
        u.InstanceCount, u.UpdatedCount, u.FailedCount, u.HealthGatedCount, u.WatchSecsCount, u.UndeterminedCount, u.HazardCount, Time(u.PulseDeadline));

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>One instance row as compared.</summary>
internal sealed record InstanceRow(
    int Id, string TaskId, string State, string Host, string Executor, string Capabilities, string UnknownCapabilities, string Health,
    string Progress, string Gating, string WatchDeadline, string UpdaterDecision, string Hazards, string Action, int Failures)
{
    public static InstanceRow Of(InstanceView i) => new(
        i.InstanceId, i.TaskId, i.TaskStatus?.ToString() ?? "-", i.Host, i.ExecutorVersion.ToString(), string.Join(',', i.Capabilities),
        string.Join(',', i.UnknownCapabilities), i.HealthState.ToString(), i.Progress?.ToString() ?? "-", i.GatingMode.ToString(),
        HeaderRow.Time(i.WatchDeadline), i.UpdaterDecision?.ToString() ?? "-", string.Join(',', i.Hazards), i.UpdateAction?.ToString() ?? "-", i.Failures);
}

/// <summary>One status change as compared.</summary>
internal sealed record HistoryRow(string At, string Status, string User, string Message)
{
    public static HistoryRow Of(StatusChangeView h) => new(HeaderRow.Time(h.Timestamp), h.Status.ToString(), h.User, h.Message);
}

/// <summary>
/// What one view shows, normalized for comparison (no versions, no tail, no connection): the list's
/// headers, or one update's header, instances and status history. <see cref="Diff"/> names what differs.
/// </summary>
internal sealed record ViewProjection(string View, IReadOnlyList<HeaderRow> Headers, IReadOnlyList<InstanceRow> Instances, IReadOnlyList<HistoryRow> History)
{
    public static ViewProjection OfList(IEnumerable<UpdateView> updates) =>
        new(DashboardViews.List, [.. updates.Select(HeaderRow.Of).OrderBy(h => h.Key, StringComparer.Ordinal)], [], []);

    public static ViewProjection OfUpdate(string key, UpdateView? header, IEnumerable<InstanceView> rows, IEnumerable<StatusChangeView> history) =>
        new(key, header is null ? [] : [HeaderRow.Of(header)], [.. rows.Select(InstanceRow.Of).OrderBy(r => r.Id)], [.. history.Select(HistoryRow.Of)]);

    public static ViewProjection OfList(ListSnapshot snapshot) => OfList(snapshot.Updates);

    public static ViewProjection OfUpdate(string key, UpdateSnapshot snapshot) => OfUpdate(key, snapshot.Update, snapshot.DecodeRows(), snapshot.History);

    public static ViewProjection Of(DashboardStore store, string view) => view == DashboardViews.List
        ? OfList(store.Updates)
        : OfUpdate(view, store.Update(view), store.Instances, store.History);

    /// <summary>Rows that differ, one line each ("- expected" / "+ actual"); empty when the views are equal.</summary>
    public IReadOnlyList<string> Diff(ViewProjection actual)
    {
        var lines = new List<string>();
        Compare(lines, "header", Keyed(Headers, h => h.Key), Keyed(actual.Headers, h => h.Key));
        Compare(lines, "instance", Keyed(Instances, i => $"{i.Id}"), Keyed(actual.Instances, i => $"{i.Id}"));
        Compare(lines, "history", Keyed(History, null), Keyed(actual.History, null));
        return lines;
    }

    /// <param name="key">The row's key; null: its position.</param>
    private static Dictionary<string, object> Keyed<T>(IReadOnlyList<T> rows, Func<T, string>? key)
        where T : notnull =>
        rows.Select((r, i) => (Key: key?.Invoke(r) ?? i.ToString("D3", CultureInfo.InvariantCulture), Row: (object)r)).ToDictionary(r => r.Key, r => r.Row);

    private static void Compare(List<string> lines, string what, Dictionary<string, object> expected, Dictionary<string, object> actual)
    {
        foreach (var k in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var wanted = expected.GetValueOrDefault(k);
            var shown = actual.GetValueOrDefault(k);
            if (Equals(wanted, shown)) continue;
            lines.Add($"  {what} {k}:");
            lines.Add($"    - {wanted?.ToString() ?? "(none)"}");
            lines.Add($"    + {shown?.ToString() ?? "(none)"}");
        }
    }
}
