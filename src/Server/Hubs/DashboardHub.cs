using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Fleet;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Fleet;
using Rollout.Server.Insight;
using Rollout.Server.ReadModel;
using Rollout.Server.Replay;
using Rollout.Server.Security;
using Rollout.Server.Upstream;

namespace Rollout.Server.Hubs;

/// <summary>The browser edge: translate, delegate, answer. State comes back through the event stream.</summary>
[Authorize(Policy = DashboardPolicies.Viewer)]
public sealed partial class DashboardHub(
    DashboardModel model, ViewerRegistry viewers, UpstreamControl control, CommandAuthorizer authorizer, AuditTrail audit, FleetService fleet,
    InsightService insight, ReplayStore replays)
    : Hub<IDashboardClient>, IDashboardHub
{
    public const int MaxMessageLength = 1000;
    private const int MaxKeyLength = 1024;

    public Task<ListSnapshot> SubscribeList()
    {
        // Watch first, then read: a batch published in between is either in the snapshot or queued after it.
        viewers.Watch(Context.ConnectionId, DashboardViews.List);
        return Task.FromResult(model.ListSnapshot());
    }

    public Task<UpdateSnapshot> SubscribeUpdate(string updateKey)
    {
        if (updateKey is not { Length: > 0 and <= MaxKeyLength } || DashboardKeys.Parse(updateKey) is null)
            throw new HubException($"'{Truncate(updateKey)}' is not an update key (role/env/name#id)");
        viewers.Watch(Context.ConnectionId, DashboardViews.Of(updateKey));
        return Task.FromResult(model.UpdateSnapshot(updateKey));
    }

    public Task<InstanceDetail?> GetInstanceDetail(string updateKey, int instanceId) =>
        Task.FromResult(updateKey is { Length: <= MaxKeyLength } && DashboardKeys.Parse(updateKey) is { } key ? model.Detail(key, instanceId) : null);

    public Task<ControlResult> PauseUpdate(CommandRequest request) => Command(ControlCommand.Pause, request);

    public Task<ControlResult> ResumeUpdate(CommandRequest request) => Command(ControlCommand.Resume, request);

    public Task<ControlResult> AbortUpdate(CommandRequest request) => Command(ControlCommand.Abort, request);

    public Task<SignedInUser> WhoAmI() => Task.FromResult(authorizer.Describe(Context.User));

    public Task<FleetView> GetFleet() => Task.FromResult(fleet.Current());

    /// <summary>Every command is audited with its final result, whether it was refused here or sent.</summary>
    private async Task<ControlResult> Command(ControlCommand command, CommandRequest request)
    {
        var sent = audit.Stamp();
        var message = request.Message?.Trim() ?? string.Empty;
        var (user, result) = await Execute(command, request.UpdateKey, message);
        audit.Record(sent, user, command, request.UpdateKey, message, result);
        return result;
    }

    private async Task<(string User, ControlResult Result)> Execute(ControlCommand command, string? updateKey, string message)
    {
        var signedIn = authorizer.Describe(Context.User).Name;
        if (updateKey is not { Length: <= MaxKeyLength } || DashboardKeys.Parse(updateKey) is not { } key)
            return (signedIn, ControlResult.Invalid($"'{Truncate(updateKey)}' is not an update key"));
        if (message.Length == 0) return (signedIn, ControlResult.Invalid("a message is required"));
        if (message.Length > MaxMessageLength) return (signedIn, ControlResult.Invalid($"the message is longer than {MaxMessageLength} characters"));

        // Decided here, before the scheduler hears of it, so a refusal is a typed (and audited) answer.
        var decision = authorizer.Decide(Context.User, command, key);
        return (decision.User, decision.Denial ?? await control.SendAsync(command, key, decision.User, message, Context.ConnectionAborted));
    }

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";
}
