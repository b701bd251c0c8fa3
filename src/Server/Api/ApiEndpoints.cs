using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Api;

/// <summary>GET /api/updates, GET /api/updates/{role}/{env}/{name}/{updateId}, GET /healthz.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/updates", (DashboardModel model) => model.Updates().Select(Summary).ToArray());

        endpoints.MapGet("/api/updates/{role}/{env}/{name}/{updateId}", (string role, string env, string name, string updateId, DashboardModel model) =>
            model.Update(new UpdateKey(new JobKey(role, env, name), updateId)) is { } found
                ? Results.Ok(Detail(found.Update, found.Instances))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"no update {role}/{env}/{name}#{updateId}"));

        endpoints.MapGet("/healthz", (DashboardModel model) => Results.Ok(new
        {
            status = "ok",
            upstream = model.Connection.State.ToString().ToLowerInvariant(),
        }));
        return endpoints;
    }

    private static ApiUpdateSummary Summary(UpdateView u) => new(
        u.Job.ToString(), u.UpdateId, u.Status.WireName(), u.User, u.DetectionStrategy.ShortName(),
        u.InstanceCount, u.UpdatedCount, u.FailedCount);

    private static ApiUpdateDetail Detail(UpdateView u, IReadOnlyList<InstanceView> instances)
    {
        var s = u.Settings;
        return new ApiUpdateDetail(
            u.Job.ToString(), u.UpdateId, u.Status.WireName(), u.User, u.DetectionStrategy.ShortName(),
            u.InstanceCount, u.UpdatedCount, u.FailedCount,
            new ApiSettings(ScreamingSnake(s.Strategy.ToString()), s.GroupSize, s.GroupSizes, s.WatchSecs, s.MaxPerInstanceFailures,
                s.MaxFailedInstances, s.RollbackOnFailure, s.ExecutorDrivenUpdates, s.AutoPauseAfterBatch, s.PulseIntervalSecs),
            instances.Select(i => new ApiInstance(
                i.InstanceId, i.TaskId, i.TaskStatus?.WireName(), i.Host, i.ExecutorVersion.DisplayName(),
                i.Capabilities, i.UnknownCapabilities, ScreamingSnake(i.HealthState.ToString()), i.GatingMode.WireName(),
                i.GatingReason, i.WatchRemainingMs, i.Hazards.Select(h => h.Code).ToArray(), i.UpdateAction?.WireName())).ToArray());
    }

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
