using Rollout.Contracts.Recording;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Server.Fleet;
using Rollout.Server.Hubs;
using Rollout.Server.ReadModel;
using Rollout.Server.Security;

namespace Rollout.Server.Api;

/// <summary>
/// GET /api/updates, GET /api/updates/{role}/{env}/{name}/{updateId}[?offset=&amp;limit=],
/// GET /api/updates/{role}/{env}/{name}/{updateId}/recording, GET /api/fleet, GET /healthz.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder root)
    {
        // Every read needs a signed-in user (cookie or Bearer token), /healthz included: it tells who watches.
        var endpoints = root.MapGroup(string.Empty).RequireAuthorization(DashboardPolicies.Viewer);
        endpoints.MapGet("/api/updates", (DashboardModel model) => model.Updates().Select(Summary).ToArray());

        endpoints.MapGet("/api/updates/{role}/{env}/{name}/{updateId}", (string role, string env, string name, string updateId, int? offset, int? limit, DashboardModel model) =>
        {
            if (offset < 0 || limit < 0)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "offset and limit must not be negative");
            return model.Update(new UpdateKey(new JobKey(role, env, name), updateId), offset ?? 0, limit ?? int.MaxValue) is { } found
                ? Results.Ok(Detail(found.Update, found.Instances, model.SchedulerNow))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"no update {role}/{env}/{name}#{updateId}");
        });

        endpoints.MapGet("/api/fleet", (FleetService fleet) => fleet.Current());

        // The update's recording file, streamed as it is written: a large rollout's is tens of megabytes.
        endpoints.MapGet("/api/updates/{role}/{env}/{name}/{updateId}/recording", (string role, string env, string name, string updateId, DashboardModel model, HttpContext http) =>
        {
            var key = new UpdateKey(new JobKey(role, env, name), updateId);
            return model.Recording(key) is { } recording
                ? Results.Stream(body => RecordingWriter.WriteAsync(recording, body, http.RequestAborted), RecordingFormat.MediaType, RecordingFormat.FileName(key))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"no update {key}");
        });

        endpoints.MapGet("/healthz", (DashboardModel model, ViewerRegistry viewers) => Results.Ok(Health(model.Connection, model.UnknownValues, viewers)));
        return root;
    }

    /// <summary>
    /// The upstream link's counters as <see cref="ConnectionView"/> carries them (both streams
    /// summed): reconnects after a failure, snapshots received (applied or refused), events and
    /// snapshots refused for their position, and messages that could not be read.
    /// </summary>
    private static object Health(ConnectionView link, UnknownValues unknown, ViewerRegistry viewers) => new
    {
        status = "ok",
        upstream = link.State.ToString().ToLowerInvariant(),
        upstreamReconnects = link.Reconnects,
        upstreamSnapshots = link.Snapshots,
        upstreamRejectedEvents = link.RejectedEvents,
        upstreamBadMessages = link.BadMessages,
        upstreamDetail = link.Detail,
        viewers = viewers.Count,
        viewersBehind = viewers.Behind,
        viewerResyncs = viewers.Resyncs,
        unknownValues = unknown.Total,
        unknownValuesByKind = unknown.ByKind(),
    };

    private static ApiUpdateSummary Summary(UpdateView u) => new(
        u.Job.ToString(), u.UpdateId, u.Status.WireName(), u.User, u.DetectionStrategy.ShortName(),
        u.InstanceCount, u.UpdatedCount, u.FailedCount);

    private static ApiUpdateDetail Detail(UpdateView u, IReadOnlyList<(InstanceView Row, string GatingReason)> instances, DateTimeOffset schedulerNow)
    {
        var s = u.Settings;
        return new ApiUpdateDetail(
            u.Job.ToString(), u.UpdateId, u.Status.WireName(), u.User, u.DetectionStrategy.ShortName(),
            u.InstanceCount, u.UpdatedCount, u.FailedCount,
            new ApiSettings(ScreamingSnake(s.Strategy.ToString()), s.GroupSize, s.GroupSizes, s.WatchSecs, s.MaxPerInstanceFailures,
                s.MaxFailedInstances, s.RollbackOnFailure, s.ExecutorDrivenUpdates, s.AutoPauseAfterBatch, s.PulseIntervalSecs),
            instances.Select(x => Instance(x.Row, x.GatingReason, s.WatchSecs, schedulerNow)).ToArray());
    }

    private static ApiInstance Instance(InstanceView i, string reason, int watchSecs, DateTimeOffset schedulerNow) => new(
        i.InstanceId, i.TaskId, i.TaskStatus?.WireName(), i.Host, i.ExecutorVersion.DisplayName(),
        i.Capabilities, i.UnknownCapabilities, ScreamingSnake(i.HealthState.ToString()), i.GatingMode.WireName(),
        reason, WatchRemainingMs(i, watchSecs, schedulerNow), i.WatchDeadline, i.Hazards, i.UpdateAction?.WireName());

    /// <summary>Whole watch_secs while not yet running; the time left once running, clamped to [0, watch_secs].</summary>
    private static long? WatchRemainingMs(InstanceView i, int watchSecs, DateTimeOffset schedulerNow)
    {
        if (i.GatingMode != GatingMode.WatchSecs) return null;
        var watchMs = watchSecs * 1000L;
        return i.WatchDeadline is { } deadline ? Math.Clamp((long)(deadline - schedulerNow).TotalMilliseconds, 0, watchMs) : watchMs;
    }

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
