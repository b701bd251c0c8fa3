using System.Globalization;

namespace Rollout.Client.Components;

/// <summary>How much of a time to show.</summary>
public enum TimeStyle
{
    /// <summary>13:04:05: tables and tails, where the day is clear.</summary>
    Time,

    /// <summary>2026-05-01 13:04:05.</summary>
    DateTime,
}

/// <summary>
/// Times for the page: shown in the viewer's zone, with the UTC instant for the hover. The
/// scheduler's times are instants (DateTimeOffset), so only the zone they are shown in changes.
/// </summary>
public static class TimeText
{
    public static string Local(DateTimeOffset at, TimeZoneInfo zone, TimeStyle style = TimeStyle.Time) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(style == TimeStyle.DateTime ? "yyyy-MM-dd HH:mm:ss" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"2026-05-01 11:04:05 UTC": the hover text of every time shown.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable instant for a time element's datetime attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The hover text when a time is not shown as such (an age): local, with its zone, and UTC.</summary>
    public static string Both(DateTimeOffset at, TimeZoneInfo zone) => $"{Local(at, zone, TimeStyle.DateTime)} {zone.Id} · {Utc(at)}";
}
