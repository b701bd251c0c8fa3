using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Rollout.Client.Replay;
using Rollout.Client.Services;

namespace Rollout.Client.Pages;

/// <summary>
/// Loads a recording (a file, or <c>?id=</c> for one the server already holds) and replays its insight:
/// play at 1x-100x, pause, scrub, step. The URL keeps the replay and, once paused or moved, its position
/// (<c>?id=…&amp;at=ms</c>), so a moment can be shared while the server holds the replay.
/// </summary>
public sealed partial class Replay : IDisposable
{
    /// <summary>A recording file larger than this is refused before it is sent (the server's own limit is the same).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Inject]
    public required IReplayApi Api { get; init; }

    [Inject]
    public required IInsightService Insight { get; init; }

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [SupplyParameterFromQuery(Name = "id")]
    public string? Id { get; set; }

    [SupplyParameterFromQuery(Name = "at")]
    public long? At { get; set; }

    private ReplaySession? Session { get; set; }

    private bool Loading { get; set; }

    private string? Error { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Shortcuts.Pressed += OnShortcut;
        await Dashboard.StartAsync(); // the insight comes over the hub
        await Dashboard.WatchListAsync(); // the list is small, and it keeps the connection banner current
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id is not { Length: > 0 } id || Session?.Info.Id == id) return;
        Loading = true;
        var answer = await Api.GetAsync(id);
        Loading = false;
        await OpenAsync(answer, TimeSpan.FromMilliseconds(Math.Max(0, At ?? 0)));
    }

    private async Task LoadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > MaxFileBytes)
        {
            Error = $"{file.Name} is {file.Size / (1024 * 1024)} MiB; a recording may be at most {MaxFileBytes / (1024 * 1024)} MiB";
            return;
        }

        Loading = true;
        Error = null;
        StateHasChanged();
        ReplayAnswer answer;
        try
        {
            await using var content = file.OpenReadStream(MaxFileBytes);
            answer = await Api.UploadAsync(content, file.Name);
        }
        catch (IOException ex)
        {
            answer = ReplayAnswer.Failed($"{file.Name} could not be read: {ex.Message}");
        }

        Loading = false;
        await OpenAsync(answer, TimeSpan.Zero);
    }

    private async Task OpenAsync(ReplayAnswer answer, TimeSpan at)
    {
        if (answer.Info is not { } info)
        {
            Error = answer.Error;
            return;
        }

        Error = null;
        Session?.Dispose();
        Session = new ReplaySession(info, Insight, Time);
        Session.Ticked += OnTicked;
        if (Id != info.Id) RememberPosition(replace: false);
        await Session.SeekAsync(at);
    }

    private void OnTicked() => _ = InvokeAsync(async () =>
    {
        if (Session is not { } session) return;
        await session.RefreshAsync();
        if (!session.Clock.Playing) RememberPosition(replace: true); // reached the end
        StateHasChanged();
    });

    private async Task TogglePlayAsync()
    {
        if (Session is not { } session) return;
        var task = session.TogglePlayAsync();
        if (!session.Clock.Playing) RememberPosition(replace: true);
        await task;
    }

    private async Task SeekAsync(TimeSpan offset)
    {
        if (Session is not { } session) return;
        await session.SeekAsync(offset);
        RememberPosition(replace: true);
    }

    private Task StepAsync(TimeSpan by) => Session is { } session ? SeekAsync(session.Offset + by) : Task.CompletedTask;

    private Task ScrubAsync(double ms) => SeekAsync(TimeSpan.FromMilliseconds(ms));

    private void SetSpeed(double speed) => Session?.SetSpeed(speed);

    /// <summary>"2:50", "1:02:03": a position to the second, as a player shows it.</summary>
    internal static string Span(TimeSpan span) =>
        span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : $"{(int)span.TotalMinutes}:{span.Seconds:00}";

    /// <summary>The replay and its position in the URL: shareable, without a history entry per move.</summary>
    private void RememberPosition(bool replace)
    {
        if (Session is not { } session) return;
        var at = ((long)session.Offset.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["id"] = session.Info.Id, ["at"] = at });
        Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = replace });
    }

    private void OnShortcut(ShortcutCommand command) => _ = InvokeAsync(async () =>
    {
        switch (command)
        {
            case ShortcutCommand.ReplayPlayPause:
                await TogglePlayAsync();
                break;
            case ShortcutCommand.ReplayBack:
                await StepAsync(-Step);
                break;
            case ShortcutCommand.ReplayForward:
                await StepAsync(Step);
                break;
            default:
                return;
        }

        StateHasChanged();
    });

    public void Dispose()
    {
        Shortcuts.Pressed -= OnShortcut;
        if (Session is null) return;
        Session.Ticked -= OnTicked;
        Session.Dispose();
    }
}
