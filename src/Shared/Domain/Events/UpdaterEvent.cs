using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Domain.Events;

/// <summary>The desired task configuration an update rolls to, as far as gating cares.</summary>
public sealed record TaskConfigSummary(string Version, HealthCheckConfig? HealthCheck);

/// <summary>One event on the updater stream.</summary>
public abstract record UpdaterEvent(UpdateKey Update, DateTimeOffset Timestamp);

/// <param name="UnknownDetectionStrategy">
/// The wire number when <paramref name="DetectionStrategy"/> is <see cref="Model.DetectionStrategy.Unknown"/>; otherwise null.
/// </param>
public sealed record UpdateStarted(
    UpdateKey Update,
    DateTimeOffset Timestamp,
    string User,
    UpdateSettings Settings,
    TaskConfigSummary? InitialConfig,
    TaskConfigSummary? DesiredConfig,
    IReadOnlyList<InstanceRange> InitialInstances,
    IReadOnlyList<InstanceRange> DesiredInstances,
    DetectionStrategy DetectionStrategy,
    int? UnknownDetectionStrategy = null) : UpdaterEvent(Update, Timestamp);

public sealed record UpdateStatusChanged(
    UpdateKey Update,
    DateTimeOffset Timestamp,
    UpdateStatus Status,
    string User,
    string Message) : UpdaterEvent(Update, Timestamp);

public sealed record InstanceActionRecorded(
    UpdateKey Update,
    DateTimeOffset Timestamp,
    int InstanceId,
    InstanceAction Action,
    string Message) : UpdaterEvent(Update, Timestamp);

/// <summary>A coordinated update was pulsed; without another pulse by <paramref name="Deadline"/> it blocks.</summary>
public sealed record PulseReceived(
    UpdateKey Update,
    DateTimeOffset Timestamp,
    DateTimeOffset Deadline) : UpdaterEvent(Update, Timestamp);

/// <param name="UnknownMode">
/// A gating mode number this build does not know, shown as <see cref="GatingMode.Undetermined"/> (which
/// <paramref name="Mode"/> then is); otherwise null.
/// </param>
public sealed record GatingDecisionMade(
    UpdateKey Update,
    DateTimeOffset Timestamp,
    int InstanceId,
    string TaskId,
    GatingMode Mode,
    string Reason,
    DateTimeOffset? WatchDeadline,
    int? UnknownMode = null) : UpdaterEvent(Update, Timestamp)
{
    /// <summary>The mode's public name, or "UNKNOWN(7)".</summary>
    public string ModeName() => UnknownMode is null ? Mode.WireName() : UnknownValueNames.Of(UnknownMode);
}
