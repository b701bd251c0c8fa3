using System.Net.Sockets;
using Grpc.Core;
using Rollout.Domain.Updates;

namespace Rollout.Server.Upstream;

/// <summary>
/// What a failed command call means. Once the request may have left, a missing answer (a timeout,
/// the browser leaving, a dropped connection) says nothing about whether the scheduler applied it:
/// that is an unknown outcome, never "nothing was changed". Only a call that provably never left
/// (no channel yet, connection refused) is "unavailable".
/// </summary>
public static class ControlFailures
{
    /// <summary>The call was cancelled: by our deadline (<paramref name="timedOut"/>) or by the browser leaving.</summary>
    public static ControlResult Cancelled(bool sent, bool timedOut, TimeSpan deadline) => (sent, timedOut) switch
    {
        (false, true) => ControlResult.Unavailable($"the scheduler could not be reached within {deadline.TotalSeconds:0} s; nothing was sent"),
        (false, false) => ControlResult.Unavailable("the browser left before the command was sent; nothing was sent"),
        (true, true) => Unknown($"no answer within {deadline.TotalSeconds:0} s"),
        (true, false) => Unknown("the browser's connection dropped while waiting for the answer"),
    };

    /// <param name="cancelled">We cancelled the call (deadline or browser), which gRPC reports as an RpcException.</param>
    public static ControlResult Of(RpcException ex, bool sent, bool cancelled, bool timedOut, TimeSpan deadline)
    {
        var what = $"{ex.StatusCode}: {ex.Status.Detail}";
        if (!sent || NeverSent(ex)) return ControlResult.Unavailable(what);
        if (ex.StatusCode == StatusCode.Cancelled && cancelled) return Cancelled(sent, timedOut, deadline);
        return ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Unavailable or StatusCode.Unknown or StatusCode.Internal
            ? Unknown(what)
            : ControlResult.Unavailable(what); // the scheduler refused the call itself (unimplemented, unauthenticated, ...)
    }

    /// <summary>The answer came but could not be read: the scheduler did act on the request, somehow.</summary>
    public static ControlResult Unreadable(string detail) => Unknown($"unreadable answer: {detail}");

    /// <summary>The reason says why no answer came; the browser adds what it means (it may have been applied).</summary>
    public static ControlResult Unknown(string why) => ControlResult.Unknown(why);

    /// <summary>The connection was never established, so the request cannot have reached the scheduler.</summary>
    public static bool NeverSent(RpcException ex)
    {
        if (ex.StatusCode != StatusCode.Unavailable) return false;
        for (Exception? e = ex.Status.DebugException; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }) return true;
        }

        return false;
    }
}
