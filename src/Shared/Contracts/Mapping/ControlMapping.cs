using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Mapping;

/// <summary>Control results and queries, both ways.</summary>
public static class ControlMapping
{
    public static Wire.ControlResult ToProto(this ControlResult result)
    {
        var message = new Wire.ControlResult { Outcome = result.Outcome.ToProto(), Reason = result.Reason };
        if (result.Status is { } status) message.Status = status.ToProto();
        return message;
    }

    /// <summary>Only the scheduler's own answers go on the wire; the dashboard-side outcomes are refused.</summary>
    public static Wire.ControlOutcome ToProto(this ControlOutcome outcome) => outcome switch
    {
        ControlOutcome.Ok => Wire.ControlOutcome.Ok,
        ControlOutcome.InvalidRequest => Wire.ControlOutcome.InvalidRequest,
        ControlOutcome.AuthFailed => Wire.ControlOutcome.AuthFailed,
        ControlOutcome.UpstreamUnavailable or ControlOutcome.Denied or ControlOutcome.OutcomeUnknown =>
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a dashboard-side outcome is never sent on the wire"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static ControlOutcome ToDomain(this Wire.ControlOutcome outcome) => outcome switch
    {
        Wire.ControlOutcome.Ok => ControlOutcome.Ok,
        Wire.ControlOutcome.AuthFailed => ControlOutcome.AuthFailed,
        Wire.ControlOutcome.InvalidRequest => ControlOutcome.InvalidRequest,
        _ => throw new ContractDataException($"control outcome {(int)outcome} is not known"),
    };

    public static ControlResult ToDomain(this Wire.ControlResult result) => new(
        result.Outcome.ToDomain(),
        Bounds.Text(result.Reason),
        result.Status == Wire.UpdateStatus.Unspecified ? null : result.Status.ToDomain());

    /// <summary>A request to steer an update. Too long a user or message is refused, never cut: it is what gets recorded.</summary>
    public static ControlRequest ToDomain(this Wire.ControlRequest request) => new(
        request.Update.ToDomain(),
        Bounds.Identifier(request.User, "user"),
        Bounds.Chars(request.Message, "message", UpstreamLimits.MaxMessageChars));

    public static Wire.PulseResult ToProto(this PulseResult result) => new()
    {
        Outcome = result.Outcome.ToProto(),
        Reason = result.Reason,
    };

    public static PulseResult ToDomain(this Wire.PulseResult result) => new(
        result.Outcome.ToDomain(),
        Bounds.Text(result.Reason));

    public static Wire.PulseOutcome ToProto(this PulseOutcome outcome) => outcome switch
    {
        PulseOutcome.Ok => Wire.PulseOutcome.PulseOk,
        PulseOutcome.Finished => Wire.PulseOutcome.PulseFinished,
        PulseOutcome.InvalidRequest => Wire.PulseOutcome.PulseInvalidRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static PulseOutcome ToDomain(this Wire.PulseOutcome outcome) => outcome switch
    {
        Wire.PulseOutcome.PulseOk => PulseOutcome.Ok,
        Wire.PulseOutcome.PulseFinished => PulseOutcome.Finished,
        Wire.PulseOutcome.PulseInvalidRequest => PulseOutcome.InvalidRequest,
        _ => throw new ContractDataException($"pulse outcome {(int)outcome} is not known"),
    };

    public static Wire.UpdateSummary ToProto(this UpdateSummary s) => new()
    {
        Update = s.Key.ToProto(),
        Status = s.Status.ToProto(),
        User = s.User,
        DetectionStrategy = s.DetectionStrategy.ToProto(),
        InstanceCount = (uint)s.InstanceCount,
        UpdatedCount = (uint)s.UpdatedCount,
        FailedCount = (uint)s.FailedCount,
        Created = s.Created.ToProto(),
        LastModified = s.LastModified.ToProto(),
    };

    public static UpdateSummary ToDomain(this Wire.UpdateSummary s) => new(
        s.Update.ToDomain(),
        s.Status.ToDomain(),
        Bounds.Identifier(s.User, "user"),
        s.DetectionStrategy.ToDomain(),
        MessageMapping.Small(s.InstanceCount),
        MessageMapping.Small(s.UpdatedCount),
        MessageMapping.Small(s.FailedCount),
        s.Created.ToDomain(),
        s.LastModified.ToDomain());

    public static Wire.UpdateDetails ToProto(this UpdateDetails d)
    {
        var message = new Wire.UpdateDetails { Summary = d.Summary.ToProto(), Started = d.Started.ToProtoBody() };
        message.UpdateEvents.AddRange(d.UpdateEvents.Select(e => e.ToProto()));
        message.InstanceEvents.AddRange(d.InstanceEvents.Select(e => e.ToProto()));
        return message;
    }

    public static UpdateDetails ToDomain(this Wire.UpdateDetails d)
    {
        // One update's history is never more than a whole updater snapshot may hold.
        Bounds.Count(d.UpdateEvents.Count, UpstreamLimits.MaxUpdaterSnapshotItems, "update_events");
        Bounds.Count(d.InstanceEvents.Count, UpstreamLimits.MaxUpdaterSnapshotItems, "instance_events");
        var summary = (d.Summary ?? throw new ContractDataException("update details have no summary")).ToDomain();
        return new UpdateDetails(
            summary,
            (d.Started ?? throw new ContractDataException("update details have no start")).ToDomain(summary.Key, summary.Created),
            d.UpdateEvents.Select(e => e.ToDomain()).OfType<UpdateStatusChanged>().ToList(),
            d.InstanceEvents.Select(e => e.ToDomain()).OfType<InstanceActionRecorded>().ToList());
    }
}
