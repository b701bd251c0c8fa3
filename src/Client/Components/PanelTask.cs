using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>
/// The task the instance panel names. The row (live, compact) may have no task while the detail
/// fetched for it already shows one in its timeline: the row lags the server's latest state, or the
/// task's only events are states this build does not know (a row then has a task id but no status).
/// The row wins where it knows; what it lacks comes from the detail, so the panel's first line never
/// says "no task" above a timeline that shows one.
/// </summary>
public sealed record PanelTask(string TaskId, string Host, string State)
{
    public const string NoTask = "no task";

    public static PanelTask Of(InstanceView row, InstanceDetail? detail)
    {
        ArgumentNullException.ThrowIfNull(row);
        var fetched = detail?.Instance;
        var last = detail is { Timeline.Count: > 0 } d ? d.Timeline[^1] : null;
        var taskId = First(row.TaskId, fetched?.TaskId, last?.TaskId);
        var host = First(row.Host, fetched?.Host, last?.Host);
        var state = row.TaskStatus?.WireName() ?? fetched?.TaskStatus?.WireName() ?? last?.StateName() ?? NoTask;
        return new PanelTask(taskId, host, state);
    }

    private static string First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? string.Empty;
}
