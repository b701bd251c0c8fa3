using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Upstream;

/// <summary>Forwards operator commands to the scheduler and returns its typed answer.</summary>
public sealed class UpstreamControl(UpstreamChannel channel, TimeProvider time)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<ControlResult> SendAsync(ControlCommand command, UpdateKey key, string user, string message, CancellationToken cancellationToken)
    {
        // An unknown command is refused before anything is sent, never sent as some other command.
        if (!Enum.IsDefined(command)) return ControlResult.Invalid($"command {(int)command} is not known");
        var request = new Wire.ControlRequest { Update = key.ToProto(), User = user, Message = message };
        using var timeout = new CancellationTokenSource(Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var sent = false; // from the call on, the scheduler may have it: a failure after that is an unknown outcome
        try
        {
            var client = await channel.GetClientAsync(linked.Token);
            sent = true;
            var call = command switch
            {
                ControlCommand.Pause => client.PauseUpdateAsync(request, cancellationToken: linked.Token),
                ControlCommand.Resume => client.ResumeUpdateAsync(request, cancellationToken: linked.Token),
                ControlCommand.Abort => client.AbortUpdateAsync(request, cancellationToken: linked.Token),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
            };
            return (await call).ToDomain();
        }
        catch (OperationCanceledException)
        {
            return ControlFailures.Cancelled(sent, timeout.IsCancellationRequested, Deadline);
        }
        catch (RpcException ex)
        {
            return ControlFailures.Of(ex, sent, linked.IsCancellationRequested, timeout.IsCancellationRequested, Deadline);
        }
        catch (ContractDataException ex)
        {
            return ControlFailures.Unreadable(ex.Message);
        }
    }
}
