using Microsoft.AspNetCore.Server.Kestrel.Core;
using Rollout.Emulator.Hosting;

namespace Rollout.Emulator;

/// <summary>
/// Standalone emulator: a scheduler speaking the rollout contract over plain-text HTTP/2 (h2c).
///   dotnet run --project src/Emulator -- --api-key &lt;key&gt; --scenario mixed-executors --speed 20 --urls http://127.0.0.1:5081
///   dotnet run --project src/Emulator -- --api-key &lt;key&gt; --recording web-1.rollout.jsonl --speed 10
/// Without a key it refuses to start, unless Emulator:AllowAnonymous=true says so explicitly.
/// </summary>
public static class EmulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--scenario"] = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.Scenarios)}",
            ["--recording"] = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.Recording)}",
            ["--speed"] = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.Speed)}",
            ["--seed"] = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.Seed)}",
            ["--api-key"] = $"{EmulatorOptions.Section}:{nameof(EmulatorOptions.ApiKeys)}:0",
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5081");

        // h2c needs an HTTP/2-only endpoint: without TLS there is no protocol negotiation.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRolloutEmulator(builder.Configuration);

        var app = builder.Build();
        app.MapRolloutEmulator();
        app.Run();
    }
}
