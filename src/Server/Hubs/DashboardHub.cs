using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;
using Rollout.Server.ReadModel;
using Rollout.Server.Security;
using Rollout.Server.Upstream;

namespace Rollout.Server.Hubs;

/// <summary>The browser edge: translate, delegate, answer. State comes back through the event stream.</summary>
[Authorize(Policy = DashboardPolicies.Viewer)]
public sealed partial class DashboardHub(DashboardModel model, ViewerRegistry viewers, UpstreamControl control, CommandAuthorizer authorizer, ILogger<DashboardHub> logger)
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

    private async Task<ControlResult> Command(ControlCommand command, CommandRequest request)
    {
        if (request.UpdateKey is not { Length: <= MaxKeyLength } || DashboardKeys.Parse(request.UpdateKey) is not { } key)
            return ControlResult.Invalid($"'{Truncate(request.UpdateKey)}' is not an update key");
        var message = request.Message?.Trim() ?? string.Empty;
        if (message.Length == 0) return ControlResult.Invalid("a message is required");
        if (message.Length > MaxMessageLength) return ControlResult.Invalid($"the message is longer than {MaxMessageLength} characters");

        // Decided here, before the scheduler hears of it, so a refusal is a typed answer (and auditable).
        var decision = authorizer.Decide(Context.User, command, key);
        var result = decision.Denial ?? await control.SendAsync(command, key, decision.User, message, Context.ConnectionAborted);
        LogCommand(logger, command, key, decision.User, message, result.Outcome, result.Reason);
        return result;
    }

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Command} {Update} by {User} ({Message}) -> {Outcome} {Reason}")]
    private static partial void LogCommand(ILogger logger, ControlCommand command, Domain.Model.UpdateKey update, string user, string message, ControlOutcome outcome, string reason);
}
