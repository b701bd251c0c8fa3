using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;
using Rollout.Benchmarks.Browsers;
using Rollout.Domain.Dashboard;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// What subscribing costs: the snapshot of a 10,000-instance update mid-rollout (the emulator's
/// large-job in virtual time) and of a list of many updates, framed as the server sends them (the
/// answer to the subscribe call) with each hub protocol, and how long .NET takes to decode the update's.
/// </summary>
internal sealed class SnapshotBenchmark : IBenchmark
{
    public string Name => "snapshot";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("snapshot_bytes_update_10k", "bytes", "SubscribeUpdate answer, MessagePack, large-job half-way"),
        new("snapshot_bytes_update_10k_json", "bytes", "the same, JSON"),
        new("snapshot_bytes_list", "bytes", "SubscribeList answer, MessagePack, 100 updates"),
        new("snapshot_bytes_list_json", "bytes", "the same, JSON"),
        new("decode_ms_update_10k_msgpack", "ms", "median, .NET MessagePackHubProtocol parse of the update's answer"),
        new("decode_ms_update_10k_json", "ms", "median, .NET JsonHubProtocol parse of the same"),
        new("snapshot_update_10k_rows_with_task", "rows", "rows of the 10k snapshot with a task (updated or in flight)"),
        new("snapshot_update_10k_rows_in_flight", "rows", "rows health-checking or with a watch deadline"),
        new("snapshot_update_10k_rows_with_hazards", "rows", "rows with a hazard"),
    ];

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var (model, key) = MidRollout.Fold(settings.SnapshotInstances, cancellationToken);
        var update = model.UpdateSnapshot(key);
        var rows = update.DecodeRows();
        if (rows.Length != settings.SnapshotInstances) throw new InvalidOperationException($"the snapshot holds {rows.Length} rows");
        var list = ListWorkload.Fold(settings.ListUpdates).ListSnapshot();
        if (list.Updates.Count != settings.ListUpdates) throw new InvalidOperationException($"the list holds {list.Updates.Count} updates");

        var packed = HubProtocols.MessagePack.GetMessageBytes(HubProtocols.Answer(update));
        var json = HubProtocols.Json.GetMessageBytes(HubProtocols.Answer(update));
        return Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["snapshot_bytes_update_10k"] = packed.Length,
            ["snapshot_bytes_update_10k_json"] = json.Length,
            ["snapshot_bytes_list"] = HubProtocols.Size(HubProtocols.MessagePack, HubProtocols.Answer(list)),
            ["snapshot_bytes_list_json"] = HubProtocols.Size(HubProtocols.Json, HubProtocols.Answer(list)),
            ["decode_ms_update_10k_msgpack"] = DecodeMs(HubProtocols.MessagePack, packed, settings, cancellationToken),
            ["decode_ms_update_10k_json"] = DecodeMs(HubProtocols.Json, json, settings, cancellationToken),
            ["snapshot_update_10k_rows_with_task"] = rows.Count(i => i.TaskId.Length > 0),
            ["snapshot_update_10k_rows_in_flight"] = rows.Count(i => i.HealthState == HealthState.Checking || i.WatchDeadline is not null),
            ["snapshot_update_10k_rows_with_hazards"] = rows.Count(i => i.Hazards.Count > 0),
        });
    }

    /// <summary>Median of rounds, after warm-up; each round must give back the whole snapshot.</summary>
    private static double DecodeMs(IHubProtocol protocol, ReadOnlyMemory<byte> bytes, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var binder = new DashboardBinder();
        binder.Expect("1", typeof(UpdateSnapshot));
        var rounds = new List<double>();
        for (var round = -settings.WarmupRounds; round < settings.DecodeRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Heap.Settle();
            var input = new ReadOnlySequence<byte>(bytes);
            var clock = Stopwatch.StartNew();
            var parsed = protocol.TryParseMessage(ref input, binder, out var message);
            var decoded = message is CompletionMessage { Result: UpdateSnapshot snapshot } ? snapshot.DecodeRows().Length : 0; // the rows, as a browser must
            clock.Stop();
            if (!parsed || decoded == 0)
                throw new InvalidOperationException($"{protocol.Name} did not decode the snapshot: {message}");
            if (round >= 0) rounds.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Rounds.Median(rounds);
    }
}
