using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(configuration.GetSection(EmulatorOptions.Section).AsEnumerable());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(time);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, upstream.Value.EmbeddedPort, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRolloutEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapRolloutEmulator();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _address.TrySetException(ex);
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        _address.TrySetResult(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
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
