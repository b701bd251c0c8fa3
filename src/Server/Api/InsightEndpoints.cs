using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Rollout.Contracts.Recording;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Server.Insight;
using Rollout.Server.ReadModel;
using Rollout.Server.Replay;
using Rollout.Server.Security;

namespace Rollout.Server.Api;

/// <summary>
/// POST /api/replays[?name=] (the body is a recording file), POST /api/replays/from/{role}/{env}/{name}/{updateId}
/// (a replay of the live journal), GET /api/replays/{id}, GET /api/updates/{role}/{env}/{name}/{updateId}/insight.
/// </summary>
/// <remarks>
/// Making a replay changes nothing anyone else sees, so any signed-in viewer may; as a POST it passes
/// the origin check (<see cref="Edge.OriginCheck"/>) like every other browser write.
/// </remarks>
public static class InsightEndpoints
{
    /// <summary>Below this an upload is buffered in memory, above it in a temporary file.</summary>
    private const int MemoryBufferBytes = 1024 * 1024;

    // Enums by name: scripts read these, and names survive a reordering.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapInsightApi(this IEndpointRouteBuilder root)
    {
        var endpoints = root.MapGroup(string.Empty).RequireAuthorization(DashboardPolicies.Viewer);

        endpoints.MapPost("/api/replays", (HttpContext http, string? name, ReplayStore replays) => Upload(http, name, replays));

        endpoints.MapPost("/api/replays/from/{role}/{env}/{name}/{updateId}", (string role, string env, string name, string updateId, DashboardModel model, ReplayStore replays) =>
        {
            var key = new UpdateKey(new JobKey(role, env, name), updateId);
            return model.Recording(key) is { } recording
                ? Created(replays.Add(recording, RecordingFormat.FileName(key)))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"no update {key}");
        });

        endpoints.MapGet("/api/replays/{id}", (string id, ReplayStore replays) =>
            ReplayStore.IsId(id) && replays.Info(id) is { } info
                ? Results.Json(info, Json)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "no such replay (it may have been dropped to make room for newer ones)"));

        endpoints.MapGet("/api/updates/{role}/{env}/{name}/{updateId}/insight", (string role, string env, string name, string updateId, InsightService insight) =>
        {
            var key = new UpdateKey(new JobKey(role, env, name), updateId);
            return insight.View(key) is { } view
                ? Results.Json(view, Json)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"no update {key}");
        });
        return root;
    }

    private static async Task<IResult> Upload(HttpContext http, string? name, ReplayStore replays)
    {
        var limit = replays.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return TooLarge(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;

        // Buffered whole first: the reader reads synchronously, which the server's request stream refuses.
        http.Request.EnableBuffering(MemoryBufferBytes, limit);
        try
        {
            await http.Request.Body.DrainAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return TooLarge(limit); // the buffer's limit
        }

        http.Request.Body.Position = 0;
        try
        {
            return Created(replays.Add(http.Request.Body, name));
        }
        catch (RecordingFormatException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "not a recording", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["error"] = ex.Message });
        }
    }

    private static IResult Created(Domain.Insight.ReplayInfo info) => Results.Json(info, Json, statusCode: StatusCodes.Status201Created);

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"a recording may be at most {limit / (1024 * 1024)} MiB",
            extensions: new Dictionary<string, object?> { ["error"] = $"the file is larger than {limit / (1024 * 1024)} MiB" });
}
