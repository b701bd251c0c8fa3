using System.Net.Sockets;
using Grpc.Core;
using Rollout.Domain.Updates;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Audit;

public class ControlFailuresTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static RpcException Rpc(StatusCode code, Exception? debug = null) => new(new Status(code, "detail", debug));

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.Cancelled)]
    [InlineData(StatusCode.Internal)]
    public void Of_SentAndNoAnswer_IsOutcomeUnknown(StatusCode code) =>
        Assert.Equal(ControlOutcome.OutcomeUnknown, ControlFailures.Of(Rpc(code), sent: true, cancelled: false, timedOut: false, Deadline).Outcome);

    [Fact]
    public void Of_ConnectionRefused_IsUnavailable()
    {
        var refused = Rpc(StatusCode.Unavailable, new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal(ControlOutcome.UpstreamUnavailable, ControlFailures.Of(refused, sent: true, cancelled: false, timedOut: false, Deadline).Outcome);
    }

    [Fact]
    public void Of_RefusedByTheScheduler_IsUnavailable() =>
        Assert.Equal(ControlOutcome.UpstreamUnavailable, ControlFailures.Of(Rpc(StatusCode.Unimplemented), sent: true, cancelled: false, timedOut: false, Deadline).Outcome);

    [Fact]
    public void Of_NotSent_IsUnavailable() =>
        Assert.Equal(ControlOutcome.UpstreamUnavailable, ControlFailures.Of(Rpc(StatusCode.DeadlineExceeded), sent: false, cancelled: false, timedOut: false, Deadline).Outcome);

    [Fact]
    public void Of_CancelledByOurDeadline_SaysNoAnswerInTime()
    {
        var result = ControlFailures.Of(Rpc(StatusCode.Cancelled), sent: true, cancelled: true, timedOut: true, Deadline);

        Assert.Equal(ControlResult.Unknown("no answer within 10 s"), result);
    }

    [Theory]
    [InlineData(false, true, ControlOutcome.UpstreamUnavailable)]
    [InlineData(false, false, ControlOutcome.UpstreamUnavailable)]
    [InlineData(true, true, ControlOutcome.OutcomeUnknown)]
    [InlineData(true, false, ControlOutcome.OutcomeUnknown)]
    public void Cancelled_SentOrNot_DecidesTheOutcome(bool sent, bool timedOut, ControlOutcome expected) =>
        Assert.Equal(expected, ControlFailures.Cancelled(sent, timedOut, Deadline).Outcome);

    [Fact]
    public void Unreadable_AnswerCame_IsOutcomeUnknown() =>
        Assert.Equal(ControlOutcome.OutcomeUnknown, ControlFailures.Unreadable("control outcome 9 is not known").Outcome);
}
