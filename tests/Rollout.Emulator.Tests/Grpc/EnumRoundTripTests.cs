using Rollout.Contracts.Mapping;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

/// <summary>Every value of every enum that crosses the wire maps there and back; anything else is refused.</summary>
public class EnumRoundTripTests
{
    private const int Unknown = 99;

    /// <summary>Outcomes the dashboard makes up itself; the scheduler never sends them and neither may anyone else.</summary>
    private static readonly ControlOutcome[] DashboardOnly = [ControlOutcome.UpstreamUnavailable, ControlOutcome.Denied, ControlOutcome.OutcomeUnknown];

    [Fact]
    public void EveryMappedEnum_EveryValue_RoundTrips()
    {
        RoundTrip<TaskState, Wire.TaskState>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<StatusSource, Wire.StatusSource>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<UpdateStatus, Wire.UpdateStatus>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<InstanceAction, Wire.InstanceAction>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<UpdateStrategyKind, Wire.UpdateStrategy>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<DetectionStrategy, Wire.DetectionStrategy>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<GatingMode, Wire.GatingMode>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<PulseOutcome, Wire.PulseOutcome>(v => v.ToProto(), w => w.ToDomain());
        RoundTrip<ControlOutcome, Wire.ControlOutcome>(v => v.ToProto(), w => w.ToDomain(), DashboardOnly);
    }

    [Fact]
    public void EveryMappedEnum_UnknownValue_IsRefusedBothWays()
    {
        Refused<StatusSource, Wire.StatusSource>(v => v.ToProto(), w => w.ToDomain());
        Refused<UpdateStatus, Wire.UpdateStatus>(v => v.ToProto(), w => w.ToDomain());
        Refused<InstanceAction, Wire.InstanceAction>(v => v.ToProto(), w => w.ToDomain());
        Refused<UpdateStrategyKind, Wire.UpdateStrategy>(v => v.ToProto(), w => w.ToDomain());
        Refused<PulseOutcome, Wire.PulseOutcome>(v => v.ToProto(), w => w.ToDomain());
        Refused<ControlOutcome, Wire.ControlOutcome>(v => v.ToProto(), w => w.ToDomain());
    }

    /// <summary>What these belong to can be kept without them: inbound an unknown number is kept as unknown (with its number), outbound still refused.</summary>
    [Fact]
    public void KeptEnums_UnknownValue_IsKeptInboundAndRefusedOutbound()
    {
        Assert.Equal(TaskState.Unknown, ((Wire.TaskState)Unknown).ToDomain());
        Assert.Equal(Unknown, ((Wire.TaskState)Unknown).UnknownNumber());
        Assert.Equal(DetectionStrategy.Unknown, ((Wire.DetectionStrategy)Unknown).ToDomain());
        Assert.Equal(Unknown, ((Wire.DetectionStrategy)Unknown).UnknownNumber());
        Assert.Equal(GatingMode.Undetermined, ((Wire.GatingMode)Unknown).ToDomain());
        Assert.Equal(Unknown, ((Wire.GatingMode)Unknown).UnknownNumber());

        Assert.Throws<ArgumentOutOfRangeException>(() => ((TaskState)Unknown).ToProto());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DetectionStrategy)Unknown).ToProto());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((GatingMode)Unknown).ToProto());
    }

    [Fact]
    public void KeptEnums_KnownValue_HasNoUnknownNumber()
    {
        Assert.All(Enum.GetValues<Wire.TaskState>().Except([Wire.TaskState.Unspecified]), v => Assert.Null(v.UnknownNumber()));
        Assert.All(Enum.GetValues<Wire.DetectionStrategy>().Except([Wire.DetectionStrategy.Unspecified]), v => Assert.Null(v.UnknownNumber()));
        Assert.All(Enum.GetValues<Wire.GatingMode>(), v => Assert.Null(v.UnknownNumber())); // unspecified means "not decided yet"
    }

    [Fact]
    public void WireUnspecified_TaskStateOrDetectionStrategy_IsKeptAsUnknownNumberZero()
    {
        Assert.Equal(TaskState.Unknown, Wire.TaskState.Unspecified.ToDomain());
        Assert.Equal(0, Wire.TaskState.Unspecified.UnknownNumber());
        Assert.Equal(DetectionStrategy.Unknown, Wire.DetectionStrategy.Unspecified.ToDomain());
        Assert.Equal(0, Wire.DetectionStrategy.Unspecified.UnknownNumber());
    }

    [Theory]
    [InlineData(ControlOutcome.UpstreamUnavailable)]
    [InlineData(ControlOutcome.Denied)]
    [InlineData(ControlOutcome.OutcomeUnknown)]
    public void ControlOutcome_DashboardSideOnly_IsNeverSent(ControlOutcome outcome)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ControlResult(outcome, "r", null).ToProto());
    }

    [Fact]
    public void WireUnspecified_WhereNotMeaningful_IsRefused()
    {
        Assert.Throws<ContractDataException>(() => Wire.UpdateStatus.Unspecified.ToDomain());
        Assert.Throws<ContractDataException>(() => Wire.ControlOutcome.Unspecified.ToDomain());
        Assert.Throws<ContractDataException>(() => Wire.PulseOutcome.Unspecified.ToDomain());
    }

    private static void RoundTrip<TDomain, TWire>(Func<TDomain, TWire> toProto, Func<TWire, TDomain> toDomain, TDomain[]? notOnWire = null)
        where TDomain : struct, Enum
        where TWire : struct, Enum
    {
        var values = Enum.GetValues<TDomain>().Except(notOnWire ?? []).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values) Assert.Equal(value, toDomain(toProto(value)));

        // Distinct wire values: no two domain values collapse into one.
        Assert.Equal(values.Count, values.Select(toProto).Distinct().Count());
    }

    private static void Refused<TDomain, TWire>(Func<TDomain, TWire> toProto, Func<TWire, TDomain> toDomain)
        where TDomain : struct, Enum
        where TWire : struct, Enum
    {
        var domain = (TDomain)Enum.ToObject(typeof(TDomain), Unknown);
        var wire = (TWire)Enum.ToObject(typeof(TWire), Unknown);
        Assert.Throws<ArgumentOutOfRangeException>(() => toProto(domain));
        Assert.Throws<ContractDataException>(() => toDomain(wire));
    }
}
