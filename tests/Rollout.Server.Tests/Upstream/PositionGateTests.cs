using Rollout.Domain.Streams;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Upstream;

public class PositionGateTests
{
    private static readonly StreamPosition Held = new("e2", 5);

    [Theory]
    [InlineData("e2", 6, EventVerdict.Accept)]
    [InlineData("e2", 9, EventVerdict.Accept)] // sequences strictly increase; they need not be dense
    [InlineData("e2", 5, EventVerdict.Duplicate)]
    [InlineData("e2", 4, EventVerdict.Backwards)]
    [InlineData("e2", 0, EventVerdict.Backwards)]
    [InlineData("e1", 99, EventVerdict.OtherEpoch)]
    [InlineData("e3", 1, EventVerdict.OtherEpoch)]
    [InlineData("", 6, EventVerdict.OtherEpoch)]
    public void Judge_AgainstTheHeldPosition_AcceptsOnlyForward(string epoch, long sequence, EventVerdict expected) =>
        Assert.Equal(expected, PositionGate.Judge(Held, new StreamPosition(epoch, sequence)));

    [Fact]
    public void Judge_NothingHeldYet_AcceptsAnyPosition() =>
        Assert.Equal(EventVerdict.Accept, PositionGate.Judge(StreamPosition.None, new StreamPosition("e1", 1)));

    [Theory]
    [InlineData("e2", 5, SnapshotVerdict.SameEpoch)]
    [InlineData("e2", 50, SnapshotVerdict.SameEpoch)]
    [InlineData("e2", 4, SnapshotVerdict.Behind)]
    [InlineData("e3", 1, SnapshotVerdict.NewEpoch)]
    [InlineData("e1", 1000, SnapshotVerdict.NewEpoch)]
    public void JudgeSnapshot_AgainstTheHeldPosition_MergesReplacesOrRefuses(string epoch, long sequence, SnapshotVerdict expected) =>
        Assert.Equal(expected, PositionGate.JudgeSnapshot(Held, new StreamPosition(epoch, sequence)));

    [Fact]
    public void JudgeSnapshot_NothingHeldYet_Replaces() =>
        Assert.Equal(SnapshotVerdict.NewEpoch, PositionGate.JudgeSnapshot(StreamPosition.None, new StreamPosition("e1", 0)));

    [Fact]
    public void Describe_Refusal_NamesBothPositions()
    {
        var text = PositionGate.Describe(EventVerdict.Backwards, Held, new StreamPosition("e2", 3));

        Assert.Contains("e2:3", text, StringComparison.Ordinal);
        Assert.Contains("e2:5", text, StringComparison.Ordinal);
    }
}
