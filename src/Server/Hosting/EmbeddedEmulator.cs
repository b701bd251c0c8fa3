using Microsoft.Extensions.Options;
using Rollout.Emulator.Hosting;

namespace Rollout.Server.Hosting;

/// <summary>
/// The default upstream: the scheduler emulator as its own small gRPC host on a loopback h2c port
/// inside this process. The dashboard subscribes to it over real gRPC, exactly as to a real scheduler.
/// </summary>
public sealed class EmbeddedEmulator(
    IConfiguration configuration,
    IOptions<UpstreamOptions> upstream,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public Task<Uri> Address => _address.Task;

    /// <summary>The emulator's own services (its engine), once started.</summary>
    public IServiceProvider? Services => _app?.Services;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _app = await EmulatorHost.StartAsync(
                upstream.Value.EmbeddedPort, configuration.GetSection(EmulatorOptions.Section).AsEnumerable(), time, loggers, cancellationToken);
        }
        catch (Exception ex)
        {
            _address.TrySetException(ex);
            throw;
        }

        _address.TrySetResult(EmulatorHost.AddressOf(_app));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }
}
