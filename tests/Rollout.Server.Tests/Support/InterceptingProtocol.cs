using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// The browser's wire protocol with a test hook on what arrives: the next delta batch a test picks
/// is lost on the way (a gap), or replaced by the server's "you fell behind" order, as if the
/// server's outbox for this browser had overflowed.
/// </summary>
internal sealed class InterceptingProtocol(IHubProtocol inner) : IHubProtocol
{
    private readonly Lock _gate = new();
    private Func<DeltaBatch, bool>? _pick;
    private bool _asFellBehind;
    private TaskCompletionSource<DeltaBatch>? _caught;

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    /// <summary>Loses the next batch <paramref name="pick"/> chooses; the task completes with it once lost.</summary>
    public Task<DeltaBatch> DropNext(Func<DeltaBatch, bool> pick) => Catch(pick, asFellBehind: false);

    /// <summary>Replaces the next batch <paramref name="pick"/> chooses with a Resync order; the task completes with the batch replaced.</summary>
    public Task<DeltaBatch> FellBehindAt(Func<DeltaBatch, bool> pick) => Catch(pick, asFellBehind: true);

    private Task<DeltaBatch> Catch(Func<DeltaBatch, bool> pick, bool asFellBehind)
    {
        lock (_gate)
        {
            _pick = pick;
            _asFellBehind = asFellBehind;
            _caught = new TaskCompletionSource<DeltaBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _caught.Task;
        }
    }

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        while (inner.TryParseMessage(ref input, binder, out message))
        {
            if (message is not InvocationMessage { Target: nameof(IDashboardClient.ReceiveDeltas), Arguments: [DeltaBatch batch] }) return true;
            lock (_gate)
            {
                if (_pick is null || !_pick(batch)) return true;
                _pick = null;
                _caught!.SetResult(batch);
                if (!_asFellBehind) continue; // lost: parse on
                message = new InvocationMessage(nameof(IDashboardClient.Resync), ["this browser fell behind (test)"]);
                return true;
            }
        }

        return false;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
