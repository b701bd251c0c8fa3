using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

public sealed partial class RecordingActions
{
    private bool _opening;

    [Inject]
    public required IReplayApi Api { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The update's dashboard key (role/env/name#id).</summary>
    [Parameter, EditorRequired]
    public required string UpdateKey { get; set; }

    private string DownloadPath => DashboardKeys.Parse(UpdateKey) is { } key
        ? $"api/updates/{Uri.EscapeDataString(key.Job.Role)}/{Uri.EscapeDataString(key.Job.Environment)}/{Uri.EscapeDataString(key.Job.Name)}/{Uri.EscapeDataString(key.Id)}/recording"
        : string.Empty;

    private async Task ReplayAsync()
    {
        _opening = true;
        try
        {
            var answer = await Api.FromUpdateAsync(UpdateKey);
            if (answer.Info is { } info) Navigation.NavigateTo($"/replay?id={Uri.EscapeDataString(info.Id)}");
            else Snackbar.Add($"Could not open a replay: {answer.Error}", Severity.Error);
        }
        finally
        {
            _opening = false;
        }
    }
}
