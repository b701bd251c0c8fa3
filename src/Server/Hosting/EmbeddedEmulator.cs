using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Rollout.Emulator.Hosting;

namespace Rollout.Server.Hosting;

/// <summary>
/// The default upstream: the scheduler emulator as its own small gRPC host on a loopback h2c port
/// inside this process. The dashboard subscribes to it over real gRPC, exactly as to a real scheduler.
/// It takes only a random key made for this process, so no other local process can steer it.
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

    /// <summary>The only key the embedded emulator accepts; shared with the dashboard's channel, never configured.</summary>
    public string ApiKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The emulator's own services (its engine), once started.</summary>
    public IServiceProvider? Services => _app?.Services;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _app = await EmulatorHost.StartAsync(
                upstream.Value.EmbeddedPort, Settings(), time, loggers, cancellationToken);
        }
        catch (Exception ex)
        {
            _address.TrySetException(ex);
            throw;
        }

        _address.TrySetResult(EmulatorHost.AddressOf(_app));
    }

    /// <summary>The configured emulator settings, with any configured keys replaced by this process's own.</summary>
    private IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        const string Keys = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.ApiKeys)}";
        const string Anonymous = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.AllowAnonymous)}";
        return configuration.GetSection(EmulatorOptions.Section).AsEnumerable()
            .Where(s => !s.Key.StartsWith(Keys, StringComparison.OrdinalIgnoreCase) && !s.Key.Equals(Anonymous, StringComparison.OrdinalIgnoreCase))
            .Append(new($"{Keys}:0", ApiKey));
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
