using Microsoft.AspNetCore.SignalR;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Server.Audit;

namespace Rollout.Server.Hubs;

public sealed partial class DashboardHub
{
    public Task<IReadOnlyList<AuditEntryView>> GetAudit(string updateKey)
    {
        if (updateKey is not { Length: > 0 and <= MaxKeyLength } || DashboardKeys.Parse(updateKey) is not { } key)
            throw new HubException($"'{Truncate(updateKey)}' is not an update key (role/env/name#id)");
        IReadOnlyList<AuditEntryView> entries = audit.List(DashboardKeys.Of(key), AuditTrail.DefaultLimit).Select(e => e.ToView()).ToArray();
        return Task.FromResult(entries);
    }
}
