using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Components;

/// <summary>
/// Pause, resume and abort, each enabled only where Aurora's state machine allows it, each confirmed
/// with a message, and only for a user the server lets operate this job (otherwise disabled, with
/// the reason shown). The result is reported; the status itself changes only when the stream says so.
/// </summary>
public sealed partial class UpdateControls : IDisposable
{
    private bool _busy;
    private bool _confirming;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [Parameter]
    [EditorRequired]
    public UpdateView Update { get; set; } = default!;

    private bool CanPause => UpdateStateMachine.PauseTarget(Update.Status) is { } to && to != Update.Status;

    private bool CanResume => Update.Status.IsPaused();

    private bool CanAbort => UpdateStateMachine.CanAbort(Update.Status);

    /// <summary>Why this user may not steer this job at all; null when they may. The server checks again on every command.</summary>
    private string? Denial => Dashboard.User switch
    {
        null => "Checking who you are…",
        { } user when !user.CanOperate(Update.Job) =>
            $"{user.Name} is a viewer of {Update.Job}: pausing, resuming and aborting it needs the operator role for this job",
        _ => null,
    };

    private string AriaDisabled(bool allowedByState) => (!allowedByState || _busy || Denial is not null) ? "true" : "false";

    protected override void OnInitialized()
    {
        Dashboard.StateChanged += OnStateChanged;
        Shortcuts.Pressed += OnShortcut;
    }

    private void OnStateChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>p and r open the same confirmation as the buttons; nothing is sent without it.</summary>
    private void OnShortcut(ShortcutCommand shortcut)
    {
        ControlCommand? command = shortcut switch
        {
            ShortcutCommand.Pause => ControlCommand.Pause,
            ShortcutCommand.Resume => ControlCommand.Resume,
            _ => null,
        };
        if (command is not { } c) return;
        _ = InvokeAsync(async () =>
        {
            var allowed = c == ControlCommand.Pause ? CanPause : CanResume;
            if (_confirming) return; // its confirmation is already open
            if (allowed && !_busy && Denial is null) await Run(c);
            else Snackbar.Add(NotNow(c), Severity.Info);
        });
    }

    private string NotNow(ControlCommand command) =>
        Denial ?? (_busy ? "A command is on its way; wait for its answer." : $"{command} is not possible while the update is {Update.Status.WireName()}.");

    public void Dispose()
    {
        Dashboard.StateChanged -= OnStateChanged;
        Shortcuts.Pressed -= OnShortcut;
    }

    private async Task Run(ControlCommand command)
    {
        var verb = command.ToString();
        var parameters = new DialogParameters<CommandDialog>
        {
            { d => d.Title, $"{verb} {Update.Job}#{Update.UpdateId}?" },
            { d => d.Explanation, Explain(command) },
            { d => d.ConfirmText, $"{verb} update" },
            { d => d.ConfirmColor, command == ControlCommand.Abort ? Color.Error : Color.Primary },
        };
        DialogResult? answer;
        _confirming = true;
        try
        {
            var dialog = await Dialogs.ShowAsync<CommandDialog>($"{verb} update", parameters);
            answer = await dialog.Result;
        }
        finally
        {
            _confirming = false;
        }

        if (answer is null || answer.Canceled || answer.Data is not CommandDialog.CommandInput input) return;

        _busy = true;
        try
        {
            var result = await Dashboard.SendAsync(command, new CommandRequest(Update.Key, input.Message));
            Report(verb, result);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Report(string verb, ControlResult result)
    {
        switch (result.Outcome)
        {
            case ControlOutcome.Ok:
                Snackbar.Add($"{verb}: OK{(result.Status is { } s ? $", update is {s.WireName()}" : "")}", Severity.Success);
                break;
            case ControlOutcome.AuthFailed:
                Snackbar.Add($"{verb}: AUTH_FAILED: {result.Reason}", Severity.Error);
                break;
            case ControlOutcome.Denied:
                Snackbar.Add($"{verb}: DENIED: {result.Reason}", Severity.Error);
                break;
            case ControlOutcome.InvalidRequest:
                Snackbar.Add($"{verb}: INVALID_REQUEST: {result.Reason}", Severity.Warning);
                break;
            case ControlOutcome.OutcomeUnknown:
                Snackbar.Add($"{verb}: {AuditDisplay.Result(result.Outcome, result.Reason, result.Status, null)}", Severity.Warning);
                break;
            case ControlOutcome.UpstreamUnavailable:
                Snackbar.Add($"{verb}: scheduler unavailable: {result.Reason}", Severity.Error);
                break;
            default:
                Snackbar.Add($"{verb}: unexpected answer {(int)result.Outcome}: {result.Reason}", Severity.Error);
                break;
        }
    }

    private static string Explain(ControlCommand command) => command switch
    {
        ControlCommand.Pause => "The updater stops acting on instances; tasks in flight keep running.",
        ControlCommand.Resume => "The updater carries on where it stopped (a coordinated update may then wait for a pulse).",
        ControlCommand.Abort => "The update ends now and cannot be resumed; instances stay as they are, nothing is rolled back.",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };
}
