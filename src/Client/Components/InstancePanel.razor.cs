using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>One instance in depth: reasons, verdicts and evidence, hazards, and the task's timeline (fetched on demand).</summary>
public sealed partial class InstancePanel
{
    private InstanceDetail? _detail;
    private InstanceView? _loadedFor;
    private bool _unavailable;

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

    /// <summary>The task named at the top: the row's, completed from the detail (see <see cref="PanelTask"/>).</summary>
    private PanelTask ShownTask => PanelTask.Of(Instance, _detail);

    protected override async Task OnParametersSetAsync()
    {
        // Refetch when the instance changed; the row is compact, the why comes with the detail.
        if (_detail is not null && Instance.Equals(_loadedFor)) return;
        _loadedFor = Instance;
        _detail = await Dashboard.GetInstanceDetailAsync(UpdateKey, Instance.InstanceId);
        _unavailable = _detail is null; // tried again with the next change the page passes in
    }
}
