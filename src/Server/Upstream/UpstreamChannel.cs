using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Rollout.Contracts.Auth;
using Microsoft.Extensions.Options;
using Rollout.Emulator.Hosting;
using Rollout.Server.Hosting;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Upstream;

/// <summary>The gRPC channel to the scheduler: the configured address, or the embedded emulator once it listens.</summary>
public sealed class UpstreamChannel(IOptions<UpstreamOptions> options, IServiceProvider services) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private GrpcChannel? _channel;
    private CallInvoker? _invoker;

    public async Task<Wire.Scheduler.SchedulerClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_invoker is null)
        {
            await _lock.WaitAsync(cancellationToken);
            try
            {
                if (_invoker is not null) return new Wire.Scheduler.SchedulerClient(_invoker);
                _channel = GrpcChannel.ForAddress(await AddressAsync(cancellationToken), new GrpcChannelOptions
                {
                    MaxReceiveMessageSize = EmulatorServiceCollectionExtensions.MaxMessageBytes,
                    HttpHandler = new SocketsHttpHandler
                    {
                        // A dead peer (even one that never sent a FIN: a half-open link) must break the
                        // stream within delay + timeout, so the reconnect loop can act.
                        KeepAlivePingDelay = options.Value.KeepAlivePingDelay,
                        KeepAlivePingTimeout = options.Value.KeepAlivePingTimeout,
                        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
                        ConnectTimeout = TimeSpan.FromSeconds(5),
                        EnableMultipleHttp2Connections = true,
                    },
                });
                var key = Key();
                _invoker = key.Length > 0 ? _channel.Intercept(new UpstreamKeyCallInterceptor(key)) : _channel.CreateCallInvoker();
            }
            finally
            {
                _lock.Release();
            }
        }

        return new Wire.Scheduler.SchedulerClient(_invoker);
    }

    /// <summary>The embedded emulator's per-process key, or the configured one.</summary>
    private string Key() =>
        options.Value.Embedded ? services.GetRequiredService<EmbeddedEmulator>().ApiKey : options.Value.ApiKey;

    private async Task<Uri> AddressAsync(CancellationToken cancellationToken) =>
        options.Value.Embedded
            ? await services.GetRequiredService<EmbeddedEmulator>().Address.WaitAsync(cancellationToken)
            : new Uri(options.Value.Address);

    public void Dispose()
    {
        _channel?.Dispose();
        _lock.Dispose();
    }
}
