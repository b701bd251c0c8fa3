using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

/// <summary>The string form of update keys on the browser protocol: "role/env/name#id".</summary>
public static class DashboardKeys
{
    public static string Of(UpdateKey key) => key.ToString();

    public static UpdateKey? Parse(string? text)
    {
        var hash = text?.LastIndexOf('#') ?? -1;
        if (hash <= 0 || hash == text!.Length - 1) return null;
        return JobKey.TryParse(text[..hash]) is { } job ? new UpdateKey(job, text[(hash + 1)..]) : null;
    }
}
