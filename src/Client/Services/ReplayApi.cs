using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Domain.Insight;

namespace Rollout.Client.Services;

/// <summary>What a replay request came to: the replay the server holds, or why there is none, in words.</summary>
public sealed record ReplayAnswer(ReplayInfo? Info, string? Error)
{
    public static ReplayAnswer Failed(string error) => new(null, error);
}

/// <summary>Asks the server to hold a recording for replay: an uploaded file, or a live update's history.</summary>
public interface IReplayApi
{
    Task<ReplayAnswer> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>A replay of a live update's history so far, by its dashboard key (role/env/name#id).</summary>
    Task<ReplayAnswer> FromUpdateAsync(string updateKey, CancellationToken cancellationToken = default);

    Task<ReplayAnswer> GetAsync(string replayId, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IReplayApi"/> over HTTP at the page's origin; the session cookie signs the requests.</summary>
public sealed class ReplayApi(HttpClient http) : IReplayApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<ReplayAnswer> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var body = new StreamContent(content);
        body.Headers.ContentType = new("application/x-ndjson");
        return await SendAsync(() => http.PostAsync(new Uri($"api/replays?name={Uri.EscapeDataString(fileName)}", UriKind.Relative), body, cancellationToken), cancellationToken);
    }

    public Task<ReplayAnswer> FromUpdateAsync(string updateKey, CancellationToken cancellationToken = default)
    {
        if (Domain.Dashboard.DashboardKeys.Parse(updateKey) is not { } key) return Task.FromResult(ReplayAnswer.Failed($"'{updateKey}' is not an update key"));
        var path = $"api/replays/from/{Escape(key.Job.Role)}/{Escape(key.Job.Environment)}/{Escape(key.Job.Name)}/{Escape(key.Id)}";
        return SendAsync(() => http.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken), cancellationToken);
    }

    public Task<ReplayAnswer> GetAsync(string replayId, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.GetAsync(new Uri($"api/replays/{Escape(replayId)}", UriKind.Relative), cancellationToken), cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static async Task<ReplayAnswer> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send();
            if (response.IsSuccessStatusCode)
            {
                var info = await response.Content.ReadFromJsonAsync<ReplayInfo>(Json, cancellationToken);
                return info is null ? ReplayAnswer.Failed("the server answered without a replay") : new ReplayAnswer(info, null);
            }

            return ReplayAnswer.Failed(await ErrorOf(response, cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            return ReplayAnswer.Failed($"the dashboard server could not be reached: {ex.Message}");
        }
    }

    /// <summary>The server's own words where it gave some (a bad line is named there), else what the status means.</summary>
    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? said = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            said = Text(problem, "error") ?? Text(problem, "detail") ?? Text(problem, "title");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or HttpRequestException)
        {
            // Not a problem document (a proxy's page): the status says enough.
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "not signed in: open the sign-in link again",
            HttpStatusCode.Forbidden => said ?? "this sign-in may not make replays",
            HttpStatusCode.RequestEntityTooLarge => said ?? "the file is too large",
            HttpStatusCode.NotFound => said ?? "not found",
            _ => said ?? $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}",
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
