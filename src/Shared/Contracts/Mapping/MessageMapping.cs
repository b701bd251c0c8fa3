using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Mapping;

/// <summary>Domain records and wire messages, both ways. Proto types stop here.</summary>
public static class MessageMapping
{
    public static Wire.JobKey ToProto(this JobKey key) => new() { Role = key.Role, Environment = key.Environment, Name = key.Name };

    public static JobKey ToDomain(this Wire.JobKey? key)
    {
        if (key is null || key.Role.Length == 0 || key.Environment.Length == 0 || key.Name.Length == 0)
            throw new ContractDataException("job key needs role, environment and name");
        return new JobKey(
            Bounds.Identifier(key.Role, "job key role"),
            Bounds.Identifier(key.Environment, "job key environment"),
            Bounds.Identifier(key.Name, "job key name"));
    }

    public static Wire.UpdateKey ToProto(this UpdateKey key) => new() { Job = key.Job.ToProto(), Id = key.Id };

    public static UpdateKey ToDomain(this Wire.UpdateKey? key)
    {
        if (key is null || key.Id.Length == 0) throw new ContractDataException("update key needs a job and an id");
        return new UpdateKey(key.Job.ToDomain(), Bounds.Identifier(key.Id, "update id"));
    }

    public static Wire.StreamPosition ToProto(this StreamPosition position) =>
        new() { Epoch = position.Epoch, Sequence = (ulong)position.Sequence };

    public static StreamPosition ToDomain(this Wire.StreamPosition? position)
    {
        if (position is null) return StreamPosition.None;
        if (position.Sequence > long.MaxValue) throw new ContractDataException($"stream sequence {position.Sequence} is out of range");
        return new StreamPosition(Bounds.Identifier(position.Epoch, "stream epoch"), (long)position.Sequence);
    }

    public static Timestamp ToProto(this DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    public static DateTimeOffset ToDomain(this Timestamp? time)
    {
        if (time is null) throw new ContractDataException("timestamp is missing");
        try
        {
            return time.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new ContractDataException($"timestamp {time.Seconds}s/{time.Nanos}ns is out of range");
        }
    }

    public static Wire.HealthCheckProgress ToProto(this HealthCheckProgress p) => new()
    {
        ConsecutiveSuccesses = (uint)p.ConsecutiveSuccesses,
        ConsecutiveFailures = (uint)p.ConsecutiveFailures,
        AttemptsUsed = (uint)p.AttemptsUsed,
        AttemptsAllowed = (uint)p.AttemptsAllowed,
        RequiredSuccesses = (uint)p.RequiredSuccesses,
        GraceAttempts = (uint)p.GraceAttempts,
    };

    public static HealthCheckProgress ToDomain(this Wire.HealthCheckProgress p) => new(
        Small(p.ConsecutiveSuccesses), Small(p.ConsecutiveFailures), Small(p.AttemptsUsed),
        Small(p.AttemptsAllowed), Small(p.RequiredSuccesses), Small(p.GraceAttempts));

    public static Wire.TaskStatusUpdate ToProto(this TaskStatusUpdate u)
    {
        var message = new Wire.TaskStatusUpdate
        {
            TaskId = u.TaskId,
            Job = u.Job.ToProto(),
            InstanceId = (uint)u.InstanceId,
            State = EnumMapping.ToProto(u.State, u.UnknownState),
            Message = u.Message,
            Timestamp = u.Timestamp.ToProto(),
            Source = u.Source.ToProto(),
            Host = u.Host,
        };
        if (u.HealthCheck is not null) message.HealthCheck = u.HealthCheck.ToProto();
        return message;
    }

    public static TaskStatusUpdate ToDomain(this Wire.TaskStatusUpdate u)
    {
        if (u.TaskId.Length == 0) throw new ContractDataException("status update has no task id");
        return new TaskStatusUpdate(
            Bounds.Chars(u.TaskId, "task id", UpstreamLimits.MaxTaskIdChars),
            u.Job.ToDomain(),
            Bounds.InstanceId(u.InstanceId, "instance id"),
            u.State.ToDomain(),
            Bounds.Text(u.Message),
            u.Timestamp.ToDomain(),
            u.Source.ToDomain(),
            Bounds.Identifier(u.Host, "host"),
            u.HealthCheck?.ToDomain(),
            u.State.UnknownNumber());
    }

    public static Wire.HealthCheckConfig ToProto(this HealthCheckConfig c) => new()
    {
        InitialIntervalSecs = (uint)c.InitialIntervalSecs,
        IntervalSecs = (uint)c.IntervalSecs,
        MaxConsecutiveFailures = (uint)c.MaxConsecutiveFailures,
        MinConsecutiveSuccesses = (uint)c.MinConsecutiveSuccesses,
        TimeoutSecs = (uint)c.TimeoutSecs,
    };

    public static HealthCheckConfig ToDomain(this Wire.HealthCheckConfig c) => new(
        Small(c.InitialIntervalSecs), Small(c.IntervalSecs), Small(c.MaxConsecutiveFailures),
        Small(c.MinConsecutiveSuccesses), Small(c.TimeoutSecs));

    public static Wire.TaskConfig ToProto(this TaskConfigSummary c)
    {
        var config = new Wire.TaskConfig { Version = c.Version };
        if (c.HealthCheck is not null) config.HealthCheck = c.HealthCheck.ToProto();
        return config;
    }

    public static TaskConfigSummary ToDomain(this Wire.TaskConfig c) =>
        new(Bounds.Identifier(c.Version, "config version"), c.HealthCheck?.ToDomain());

    public static Wire.UpdateSettings ToProto(this UpdateSettings s)
    {
        var settings = new Wire.UpdateSettings
        {
            Strategy = s.Strategy.ToProto(),
            GroupSize = (uint)s.GroupSize,
            WatchSecs = (uint)s.WatchSecs,
            MaxPerInstanceFailures = (uint)s.MaxPerInstanceFailures,
            MaxFailedInstances = (uint)s.MaxFailedInstances,
            RollbackOnFailure = s.RollbackOnFailure,
            ExecutorDrivenUpdates = s.ExecutorDrivenUpdates,
            AutoPauseAfterBatch = s.AutoPauseAfterBatch,
            PulseIntervalSecs = (uint)s.PulseIntervalSecs,
        };
        settings.GroupSizes.AddRange(s.GroupSizes.Select(g => (uint)g));
        return settings;
    }

    public static UpdateSettings ToDomain(this Wire.UpdateSettings? s)
    {
        if (s is null) throw new ContractDataException("update started without settings");
        Bounds.Count(s.GroupSizes.Count, UpstreamLimits.MaxGroupSizes, "group_sizes");
        return new UpdateSettings
        {
            Strategy = s.Strategy.ToDomain(),
            GroupSize = Small(s.GroupSize),
            GroupSizes = s.GroupSizes.Select(Small).ToArray(),
            WatchSecs = Small(s.WatchSecs),
            MaxPerInstanceFailures = Small(s.MaxPerInstanceFailures),
            MaxFailedInstances = Small(s.MaxFailedInstances),
            RollbackOnFailure = s.RollbackOnFailure,
            ExecutorDrivenUpdates = s.ExecutorDrivenUpdates,
            AutoPauseAfterBatch = s.AutoPauseAfterBatch,
            PulseIntervalSecs = Small(s.PulseIntervalSecs),
        };
    }

    public static Wire.UpdaterEvent ToProto(this UpdaterEvent e)
    {
        var message = new Wire.UpdaterEvent { Update = e.Update.ToProto(), Timestamp = e.Timestamp.ToProto() };
        switch (e)
        {
            case UpdateStarted s:
                message.Started = s.ToProtoBody();
                break;
            case UpdateStatusChanged c:
                message.StatusChanged = new Wire.UpdateStatusChanged { Status = c.Status.ToProto(), User = c.User, Message = c.Message };
                break;
            case InstanceActionRecorded a:
                message.InstanceAction = new Wire.InstanceActionRecorded
                {
                    InstanceId = (uint)a.InstanceId, Action = a.Action.ToProto(), Message = a.Message,
                };
                break;
            case GatingDecisionMade d:
                message.GatingDecision = new Wire.GatingDecision
                {
                    InstanceId = (uint)d.InstanceId, TaskId = d.TaskId, Mode = EnumMapping.ToProto(d.Mode, d.UnknownMode), Reason = d.Reason,
                    WatchDeadline = d.WatchDeadline?.ToProto(),
                };
                break;
            case PulseReceived p:
                message.Pulse = new Wire.PulseReceived { Deadline = p.Deadline.ToProto() };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, null);
        }

        return message;
    }

    public static Wire.UpdateStarted ToProtoBody(this UpdateStarted s)
    {
        var body = new Wire.UpdateStarted
        {
            User = s.User,
            Settings = s.Settings.ToProto(),
            DetectionStrategy = EnumMapping.ToProto(s.DetectionStrategy, s.UnknownDetectionStrategy),
            InitialConfig = s.InitialConfig?.ToProto(),
            DesiredConfig = s.DesiredConfig?.ToProto(),
        };
        body.InitialInstances.AddRange(s.InitialInstances.Select(ToProto));
        body.DesiredInstances.AddRange(s.DesiredInstances.Select(ToProto));
        return body;
    }

    public static UpdaterEvent ToDomain(this Wire.UpdaterEvent e)
    {
        var key = e.Update.ToDomain();
        var at = e.Timestamp.ToDomain();
        return e.KindCase switch
        {
            Wire.UpdaterEvent.KindOneofCase.Started => e.Started.ToDomain(key, at),
            Wire.UpdaterEvent.KindOneofCase.StatusChanged => new UpdateStatusChanged(
                key, at, e.StatusChanged.Status.ToDomain(), Bounds.Identifier(e.StatusChanged.User, "user"), Bounds.Text(e.StatusChanged.Message)),
            Wire.UpdaterEvent.KindOneofCase.InstanceAction => new InstanceActionRecorded(
                key, at, Bounds.InstanceId(e.InstanceAction.InstanceId, "instance id"), e.InstanceAction.Action.ToDomain(),
                Bounds.Text(e.InstanceAction.Message)),
            Wire.UpdaterEvent.KindOneofCase.GatingDecision => new GatingDecisionMade(
                key, at, Bounds.InstanceId(e.GatingDecision.InstanceId, "instance id"),
                Bounds.Chars(e.GatingDecision.TaskId, "task id", UpstreamLimits.MaxTaskIdChars), e.GatingDecision.Mode.ToDomain(),
                Bounds.Text(e.GatingDecision.Reason), e.GatingDecision.WatchDeadline is null ? null : e.GatingDecision.WatchDeadline.ToDomain(),
                e.GatingDecision.Mode.UnknownNumber()),
            Wire.UpdaterEvent.KindOneofCase.Pulse => new PulseReceived(key, at, e.Pulse.Deadline.ToDomain()),
            _ => throw new ContractDataException("updater event has no kind"),
        };
    }

    public static UpdateStarted ToDomain(this Wire.UpdateStarted s, UpdateKey key, DateTimeOffset at)
    {
        var initial = Ranges(s.InitialInstances, "initial_instances");
        var desired = Ranges(s.DesiredInstances, "desired_instances");

        // The read model enumerates every range of both lists; overlaps cost as much as new ids.
        var total = initial.Sum(r => (long)r.Last - r.First + 1) + desired.Sum(r => (long)r.Last - r.First + 1);
        if (total > UpstreamLimits.MaxInstancesPerUpdate)
        {
            throw new ContractDataException(
                $"initial_instances and desired_instances name {total} instances together; at most {UpstreamLimits.MaxInstancesPerUpdate} are allowed");
        }

        return new UpdateStarted(
            key,
            at,
            Bounds.Identifier(s.User, "user"),
            s.Settings.ToDomain(),
            s.InitialConfig?.ToDomain(),
            s.DesiredConfig?.ToDomain(),
            initial,
            desired,
            s.DetectionStrategy.ToDomain(),
            s.DetectionStrategy.UnknownNumber());
    }

    private static Wire.InstanceRange ToProto(InstanceRange r) => new() { First = (uint)r.First, Last = (uint)r.Last };

    private static InstanceRange[] Ranges(RepeatedField<Wire.InstanceRange> ranges, string field)
    {
        Bounds.Count(ranges.Count, UpstreamLimits.MaxInstanceRanges, field);
        var result = new InstanceRange[ranges.Count];
        for (var i = 0; i < ranges.Count; i++) result[i] = ToDomain(ranges[i], field);
        return result;
    }

    private static InstanceRange ToDomain(Wire.InstanceRange r, string field)
    {
        if (r.Last < r.First) throw new ContractDataException($"{field} range {r.First}-{r.Last} is reversed: first is after last");

        // Size before ids: a huge range is refused for what it is, whatever its ids.
        var size = (long)r.Last - r.First + 1;
        if (size > UpstreamLimits.MaxInstancesPerRange)
        {
            throw new ContractDataException(
                $"{field} range {r.First}-{r.Last} names {size} instances; at most {UpstreamLimits.MaxInstancesPerRange} are allowed");
        }

        return new InstanceRange(Bounds.InstanceId(r.First, $"{field} range first"), Bounds.InstanceId(r.Last, $"{field} range last"));
    }

    /// <summary>Wire counts are uint32; anything past int.MaxValue is bad data, not an overflow.</summary>
    internal static int Small(uint value) =>
        value <= int.MaxValue ? (int)value : throw new ContractDataException($"value {value} is out of range");
}
