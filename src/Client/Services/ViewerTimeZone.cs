namespace Rollout.Client.Services;

/// <summary>
/// The viewer's time zone, as the browser reports it (Intl), so every time on the page is local;
/// until then (or when the name is unknown here) the runtime's local zone.
/// </summary>
public sealed class ViewerTimeZone(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; private set; } = zone;

    /// <summary>Uses the zone with this IANA id; false (and the zone kept) when it is not known.</summary>
    public bool Use(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            Zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
