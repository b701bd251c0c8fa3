using System.Diagnostics;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;

namespace Rollout.Benchmarks.Fanout;

/// <summary>
/// A browser watching one update: the .NET SignalR client over WebSockets (no negotiation), speaking
/// MessagePack. Each delta's rows are read for the change they carry and timed on arrival. It decodes
/// only that much (<see cref="StampedBatch"/>): in-process clients share the server's two cores,
/// and decoding every field 500 times over would be the clients' cost, not the server's.
/// </summary>
internal sealed class StampedClient : IAsyncDisposable
{
    /// <summary>The server's MessagePack settings (enums as strings, members by name), for the lean types here.</summary>
    private static readonly MessagePackSerializerOptions Lean = MessagePackSerializerOptions.Standard.WithResolver(
        CompositeResolver.Create(DynamicEnumAsStringResolver.Instance, ContractlessStandardResolver.Instance));

    private readonly HubConnection _hub;
    private readonly DeliveryClock _clock;
    private long _receipts;

    private StampedClient(HubConnection hub, DeliveryClock clock)
    {
        _hub = hub;
        _clock = clock;
        _hub.On<StampedBatch>(nameof(IDashboardClient.ReceiveDeltas), Received);
    }

    /// <summary>Changes of the measured phase this client received.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);

    public static async Task<StampedClient> ConnectAsync(Uri hubAddress, string updateKey, DeliveryClock clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(hubAddress, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddMessagePackProtocol(o => o.SerializerOptions = Lean)
            .Build();
        var client = new StampedClient(hub, clock);
        try
        {
            await hub.StartAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            await hub.InvokeAsync<StampedSnapshot>(nameof(IDashboardHub.SubscribeUpdate), updateKey, cancellationToken).WaitAsync(timeout, cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private void Received(StampedBatch batch)
    {
        var at = Stopwatch.GetTimestamp();
        long counted = 0;
        foreach (var row in InstanceRowCodec.Decode(batch.Rows ?? []))
        {
            if (row.Progress is { } progress && _clock.Received(progress.AttemptsUsed, at)) counted++;
        }

        if (counted > 0) Interlocked.Add(ref _receipts, counted);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}

/// <summary>The part of a <see cref="DeltaBatch"/> the fan-out clients read (its packed rows, decoded as a browser does); MessagePack skips the other members.</summary>
public sealed record StampedBatch(byte[]? Rows);

/// <summary>The part of an <see cref="UpdateSnapshot"/> the fan-out clients read: the rows are skipped, not decoded.</summary>
public sealed record StampedSnapshot(long Version);
