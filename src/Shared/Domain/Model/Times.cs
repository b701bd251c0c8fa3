namespace Rollout.Domain.Model;

/// <summary>Time arithmetic that cannot overflow on a wild upstream timestamp.</summary>
public static class Times
{
    public static DateTimeOffset SaturatingAdd(this DateTimeOffset time, TimeSpan span)
    {
        if (span > TimeSpan.Zero && time > DateTimeOffset.MaxValue - span) return DateTimeOffset.MaxValue;
        if (span < TimeSpan.Zero && time < DateTimeOffset.MinValue - span) return DateTimeOffset.MinValue;
        return time + span;
    }
}
