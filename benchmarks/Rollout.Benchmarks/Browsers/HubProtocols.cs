using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Rollout.Benchmarks.Browsers;

/// <summary>The hub protocols exactly as the server registers them (src/Server/Program.cs), to size and decode what it sends.</summary>
internal static class HubProtocols
{
    /// <summary>What browsers speak: the default options, as the server's AddMessagePackProtocol() has them.</summary>
    public static MessagePackHubProtocol MessagePack { get; } = new();

    /// <summary>What scripts speak: enums as strings, as the server's AddJsonProtocol configures it.</summary>
    public static JsonHubProtocol Json { get; } = CreateJson();

    /// <summary>One framed message as it travels: the payload of the WebSocket message(s) carrying it.</summary>
    public static int Size(IHubProtocol protocol, HubMessage message) => protocol.GetMessageBytes(message).Length;

    /// <summary>A snapshot as the answer to a subscribe call.</summary>
    public static CompletionMessage Answer(object snapshot) => CompletionMessage.WithResult("1", snapshot);

    private static JsonHubProtocol CreateJson()
    {
        var options = new JsonHubProtocolOptions();
        options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        return new JsonHubProtocol(Options.Create(options));
    }
}
