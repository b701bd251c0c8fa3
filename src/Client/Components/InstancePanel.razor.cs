using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>One instance in depth: verdicts and evidence, hazards, and the task's timeline (fetched on demand).</summary>
public sealed partial class InstancePanel
{
    private InstanceDetail? _detail;
    private (int Id, string TaskId, Domain.Model.TaskState? Status)? _loadedFor;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Parameter]
    [EditorRequired]
    public string UpdateKey { get; set; } = string.Empty;

    [Parameter]
    [EditorRequired]
    public InstanceView Instance { get; set; } = default!;

    [Parameter]
    public EventCallback OnClose { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Refetch when the instance or its task moved on; not on every countdown refresh.
        var key = (Instance.InstanceId, Instance.TaskId, Instance.TaskStatus);
        if (_loadedFor == key && _detail is not null && Instance.Progress is null) return;
        _loadedFor = key;
        _detail = await Dashboard.GetInstanceDetailAsync(UpdateKey, Instance.InstanceId) ?? new InstanceDetail(UpdateKey, Instance.InstanceId, []);
    }
}
