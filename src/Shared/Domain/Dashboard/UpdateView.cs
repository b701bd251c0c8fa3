using Rollout.Domain.Events;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

public sealed record StatusChangeView(DateTimeOffset Timestamp, UpdateStatus Status, string User, string Message);

public sealed record EventTailItem(DateTimeOffset Timestamp, string Text);

/// <summary>One update's header: settings and counts. History and the event tail travel as appends.</summary>
/// <param name="PulseDeadline">Coordinated updates: when the update blocks unless pulsed (scheduler clock).</param>
public sealed record UpdateView(
    string Key,
    JobKey Job,
    string UpdateId,
    UpdateStatus Status,
    string User,
    DateTimeOffset Created,
    DateTimeOffset LastModified,
    DetectionStrategy DetectionStrategy,
    UpdateSettings Settings,
    TaskConfigSummary? DesiredConfig,
    int InstanceCount,
    int UpdatedCount,
    int FailedCount,
    int HealthGatedCount,
    int WatchSecsCount,
    int UndeterminedCount,
    int HazardCount,
    DateTimeOffset? PulseDeadline);
