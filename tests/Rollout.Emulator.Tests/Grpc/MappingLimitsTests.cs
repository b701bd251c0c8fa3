using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Domain.Updates;
using L = Rollout.Domain.Model.UpstreamLimits;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

/// <summary>Every cap of <see cref="UpstreamLimits"/> at the mapping boundary: at the limit accepted, one past refused naming the field.</summary>
public class MappingLimitsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("r", "e", "n"), "u1");

    /// <summary>A cap: <see cref="Map"/> maps a wire message carrying <c>n</c> of something (characters, entries, an id).</summary>
    private sealed record Cap(string Field, int Limit, Action<int> Map);

    private static readonly Dictionary<string, Cap> Caps = new()
    {
        ["job key role"] = new("job key role", L.MaxIdentifierChars, n => Status(u => u.Job.Role = Chars(n)).ToDomain()),
        ["job key environment"] = new("job key environment", L.MaxIdentifierChars, n => Status(u => u.Job.Environment = Chars(n)).ToDomain()),
        ["job key name"] = new("job key name", L.MaxIdentifierChars, n => Status(u => u.Job.Name = Chars(n)).ToDomain()),
        ["status task id"] = new("task id", L.MaxTaskIdChars, n => Status(u => u.TaskId = Chars(n)).ToDomain()),
        ["status host"] = new("host", L.MaxIdentifierChars, n => Status(u => u.Host = Chars(n)).ToDomain()),
        ["status instance id"] = new("instance id", L.MaxInstanceId, n => Status(u => u.InstanceId = (uint)n).ToDomain()),
        ["update id"] = new("update id", L.MaxIdentifierChars, n => Updater(StatusChanged(), e => e.Update.Id = Chars(n)).ToDomain()),
        ["started user"] = new("user", L.MaxIdentifierChars, n => Updater(Started(), e => e.Started.User = Chars(n)).ToDomain()),
        ["status change user"] = new("user", L.MaxIdentifierChars, n => Updater(StatusChanged(), e => e.StatusChanged.User = Chars(n)).ToDomain()),
        ["initial config version"] = new("config version", L.MaxIdentifierChars, n => Updater(Started(), e => e.Started.InitialConfig.Version = Chars(n)).ToDomain()),
        ["desired config version"] = new("config version", L.MaxIdentifierChars, n => Updater(Started(), e => e.Started.DesiredConfig.Version = Chars(n)).ToDomain()),
        ["gating task id"] = new("task id", L.MaxTaskIdChars, n => Updater(Gating(), e => e.GatingDecision.TaskId = Chars(n)).ToDomain()),
        ["gating instance id"] = new("instance id", L.MaxInstanceId, n => Updater(Gating(), e => e.GatingDecision.InstanceId = (uint)n).ToDomain()),
        ["action instance id"] = new("instance id", L.MaxInstanceId, n => Updater(Action(), e => e.InstanceAction.InstanceId = (uint)n).ToDomain()),
        ["range size"] = new("initial_instances", L.MaxInstancesPerRange, n => Ranges(initial: [(0, (uint)n - 1)], desired: []).ToDomain()),
        ["range last id"] = new("initial_instances range last", L.MaxInstanceId, n => Ranges(initial: [((uint)n - 1, (uint)n)], desired: []).ToDomain()),
        ["ranges in a list"] = new("desired_instances", L.MaxInstanceRanges,
            n => Ranges(initial: [], desired: Enumerable.Range(0, n).Select(i => ((uint)i, (uint)i)).ToArray()).ToDomain()),
        ["instances per update"] = new("initial_instances and desired_instances", L.MaxInstancesPerUpdate,
            n => Ranges(initial: [(0, L.MaxInstanceId)], desired: [(0, L.MaxInstanceId), .. Enumerable.Repeat<(uint, uint)>((0, 0), n - 2 * (L.MaxInstanceId + 1))]).ToDomain()),
        ["group sizes"] = new("group_sizes", L.MaxGroupSizes, n => Updater(Started(), e => e.Started.Settings.GroupSizes.AddRange(Enumerable.Repeat(1u, n))).ToDomain()),
        ["live event epoch"] = new("stream epoch", L.MaxIdentifierChars, n => StatusEvent(Chars(n), 1).ToDomain()),
        ["snapshot begin epoch"] = new("stream epoch", L.MaxIdentifierChars,
            n => new Wire.UpdaterStreamMessage { SnapshotBegin = new Wire.SnapshotBoundary { Position = new() { Epoch = Chars(n) } } }.ToDomain()),
        ["summary user"] = new("user", L.MaxIdentifierChars, n => Summary(Chars(n)).ToDomain()),
        ["control user"] = new("user", L.MaxIdentifierChars, n => Control(user: Chars(n), message: "m").ToDomain()),
        ["control message"] = new("message", L.MaxMessageChars, n => Control(user: "bob", message: Chars(n)).ToDomain()),
        ["control update id"] = new("update id", L.MaxIdentifierChars, n => new Wire.ControlRequest
        {
            Update = new Wire.UpdateKey { Job = Key.Job.ToProto(), Id = Chars(n) }, User = "bob",
        }.ToDomain()),
    };

    public static TheoryData<string> CapNames => new(Caps.Keys);

    /// <summary>Free text that is cut rather than refused: maps a message carrying it and returns the text kept.</summary>
    private static readonly Dictionary<string, Func<string, string>> Texts = new()
    {
        ["status message"] = text => Status(u => u.Message = text).ToDomain().Message,
        ["update status message"] = text => ((UpdateStatusChanged)Updater(StatusChanged(), e => e.StatusChanged.Message = text).ToDomain()).Message,
        ["instance action message"] = text => ((InstanceActionRecorded)Updater(Action(), e => e.InstanceAction.Message = text).ToDomain()).Message,
        ["gating reason"] = text => ((GatingDecisionMade)Updater(Gating(), e => e.GatingDecision.Reason = text).ToDomain()).Reason,
        ["snapshot reason"] = text => ((SnapshotBegin<TaskStatusUpdate>)new Wire.StatusStreamMessage
        {
            SnapshotBegin = new Wire.SnapshotBoundary { Position = new() { Epoch = "e" }, Reason = text },
        }.ToDomain()).Reason,
        ["control result reason"] = text => new Wire.ControlResult { Outcome = Wire.ControlOutcome.InvalidRequest, Reason = text }.ToDomain().Reason,
        ["pulse result reason"] = text => new Wire.PulseResult { Outcome = Wire.PulseOutcome.PulseInvalidRequest, Reason = text }.ToDomain().Reason,
    };

    public static TheoryData<string> TextNames => new(Texts.Keys);

    [Theory]
    [MemberData(nameof(CapNames))]
    public void ToDomain_AtTheLimit_IsAccepted(string cap)
    {
        var ex = Record.Exception(() => Caps[cap].Map(Caps[cap].Limit));

        Assert.Null(ex);
    }

    [Theory]
    [MemberData(nameof(CapNames))]
    public void ToDomain_OnePastTheLimit_IsRejectedNamingTheField(string cap)
    {
        var ex = Assert.Throws<ContractDataException>(() => Caps[cap].Map(Caps[cap].Limit + 1));

        Assert.Contains(Caps[cap].Field, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{Caps[cap].Limit}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TextNames))]
    public void ToDomain_MegabyteOfText_IsCutToTheCap(string text)
    {
        var megabyte = Chars(1024 * 1024);

        var kept = Texts[text](megabyte);

        Assert.Equal(L.MaxMessageChars, kept.Length);
        Assert.StartsWith(kept, megabyte, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TextNames))]
    public void ToDomain_TextAtTheCap_IsKeptWhole(string text)
    {
        var full = Chars(L.MaxMessageChars);

        Assert.Equal(full, Texts[text](full));
    }

    [Fact]
    public void ToDomain_CutThroughASurrogatePair_DropsTheWholePair()
    {
        var message = new string('x', L.MaxMessageChars - 1) + "\U0001F600" + "tail";

        var kept = Texts["status message"](message);

        Assert.Equal(new string('x', L.MaxMessageChars - 1), kept);
    }

    [Theory]
    [InlineData(1u, (uint)int.MaxValue)]
    [InlineData(0u, uint.MaxValue)]
    [InlineData((uint)int.MaxValue, uint.MaxValue)]
    public void ToDomain_RangeOfBillions_IsRejectedBeforeAnyEnumeration(uint first, uint last)
    {
        var ex = Assert.Throws<ContractDataException>(() => Ranges(initial: [], desired: [(first, last)]).ToDomain());

        Assert.Contains($"desired_instances range {first}-{last} names {(long)last - first + 1} instances", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDomain_ReversedRange_IsRejectedSayingSo()
    {
        var ex = Assert.Throws<ContractDataException>(() => Ranges(initial: [(5, 3)], desired: []).ToDomain());

        Assert.Equal("initial_instances range 5-3 is reversed: first is after last", ex.Message);
    }

    [Fact]
    public void ToDomain_RangeAtTheLimit_KeepsItsIds()
    {
        var started = (UpdateStarted)Ranges(initial: [(0, L.MaxInstanceId)], desired: []).ToDomain();

        Assert.Equal([new InstanceRange(0, L.MaxInstanceId)], started.InitialInstances);
        Assert.Equal(L.MaxInstancesPerRange, started.InitialInstances.Sum(r => r.Ids().Count()));
    }

    [Fact]
    public void ToDomain_SequencePastInt64_IsAClearError()
    {
        var ex = Assert.Throws<ContractDataException>(() => StatusEvent("e", (ulong)long.MaxValue + 1).ToDomain());

        Assert.Contains("stream sequence", ex.Message, StringComparison.Ordinal);
        Assert.Equal(long.MaxValue, ((LiveEvent<TaskStatusUpdate>)StatusEvent("e", long.MaxValue).ToDomain()).Position.Sequence);
    }

    [Fact]
    public void ToDomain_SnapshotItemCountPastInt32_IsAClearError()
    {
        var message = new Wire.StatusStreamMessage { SnapshotBegin = new Wire.SnapshotBoundary { ItemCount = (uint)int.MaxValue + 1 } };

        var ex = Assert.Throws<ContractDataException>(() => message.ToDomain());

        Assert.Contains("item_count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDomain_ControlRequest_KeepsKeyUserAndMessage()
    {
        var request = Control(user: "bob", message: "look").ToDomain();

        Assert.Equal(new ControlRequest(Key, "bob", "look"), request);
    }

    private static string Chars(int n) => new('a', n);

    private static Wire.TaskStatusUpdate Status(Action<Wire.TaskStatusUpdate> change)
    {
        var update = new TaskStatusUpdate("t", Key.Job, 0, TaskState.Running, "m", At, StatusSource.Executor, "h").ToProto();
        change(update);
        return update;
    }

    private static Wire.StatusStreamMessage StatusEvent(string epoch, ulong sequence) => new()
    {
        Event = new Wire.StatusEvent { Position = new Wire.StreamPosition { Epoch = epoch, Sequence = sequence }, Update = Status(_ => { }) },
    };

    private static UpdateStarted Started() => new(Key, At, "alice",
        new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [] },
        new TaskConfigSummary("v1", null), new TaskConfigSummary("v2", null), [new InstanceRange(0, 1)], [new InstanceRange(0, 1)],
        DetectionStrategy.Capabilities);

    private static UpdateStatusChanged StatusChanged() => new(Key, At, UpdateStatus.RollingForward, "alice", "m");

    private static InstanceActionRecorded Action() => new(Key, At, 0, InstanceAction.InstanceUpdated, "m");

    private static GatingDecisionMade Gating() => new(Key, At, 0, "t", GatingMode.HealthGated, "r", null);

    private static Wire.UpdaterEvent Updater(UpdaterEvent e, Action<Wire.UpdaterEvent> change)
    {
        var message = e.ToProto();
        change(message);
        return message;
    }

    private static Wire.UpdaterEvent Ranges((uint First, uint Last)[] initial, (uint First, uint Last)[] desired) => Updater(Started(), e =>
    {
        e.Started.InitialInstances.Clear();
        e.Started.InitialInstances.AddRange(initial.Select(r => new Wire.InstanceRange { First = r.First, Last = r.Last }));
        e.Started.DesiredInstances.Clear();
        e.Started.DesiredInstances.AddRange(desired.Select(r => new Wire.InstanceRange { First = r.First, Last = r.Last }));
    });

    private static Wire.UpdateSummary Summary(string user) =>
        new UpdateSummary(Key, UpdateStatus.RollingForward, user, DetectionStrategy.Capabilities, 2, 0, 0, At, At).ToProto();

    private static Wire.ControlRequest Control(string user, string message) => new() { Update = Key.ToProto(), User = user, Message = message };
}
