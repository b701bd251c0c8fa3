using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Benchmarks.Harness;
using Rollout.Benchmarks.Hosting;
using Rollout.Benchmarks.Browsers;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Emulator.Scenarios;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// What watching costs on the wire: the real dashboard with its embedded emulator running a scenario
/// (large-job at speed 4), one MessagePack browser watching the scenario's first update and one
/// watching the list, both raw WebSocket clients counting every payload byte they receive. The
/// window runs from the first delta carrying instances until the update finishes (or the cap).
/// </summary>
internal sealed class DeltaBytesBenchmark : IBenchmark
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Beyond the window: the host's start and the update's scheduled start.</summary>
    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(60);

    public string Name => "delta";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("delta_bytes_per_sec_update_viewer", "bytes/s", "received by a MessagePack viewer of the rolling update, over the window"),
        new("delta_bytes_per_sec_list_viewer", "bytes/s", "received by a MessagePack viewer of the list, same window"),
        new("delta_batches_per_sec_update_viewer", "batches/s", "delta batches the update viewer received, same window"),
        new("msgpack_vs_json_bytes_ratio", "ratio", "the window's delta batches of both viewers framed as MessagePack / as JSON"),
        new("delta_window_secs", "s", "the window: first delta with instances -> update finished, or the cap"),
    ];

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Resolve(settings.DeltaScenario);
        var job = scenario.Jobs[0];
        var updateKey = DashboardKeys.Of(new UpdateKey(job.Key, job.Updates[0].Id ?? $"{job.Name}-1"));

        await using var host = DashboardHost.Start(new Dictionary<string, string>
        {
            ["Emulator:Scenarios"] = settings.DeltaScenario,
            ["Emulator:Speed"] = settings.DeltaSpeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emulator:RepeatEverySecs"] = "0",
        });
        var updateLog = new ViewerLog();
        var listLog = new ViewerLog();
        await using var updateViewer = await WatchAsync(host, updateLog, nameof(IDashboardHub.SubscribeUpdate), typeof(UpdateSnapshot), [updateKey], cancellationToken);
        await using var listViewer = await WatchAsync(host, listLog, nameof(IDashboardHub.SubscribeList), typeof(ListSnapshot), [], cancellationToken);

        // Watch until the update finishes, or for the cap once it is rolling.
        var waited = Stopwatch.StartNew();
        long? start = null;
        while (!updateLog.Finished.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            start ??= updateLog.Messages.FirstOrDefault(m => ViewerLog.Deltas(m) is { Rows.Length: > 0 })?.Timestamp;
            if (start is { } s && Stopwatch.GetElapsedTime(s) >= settings.DeltaWindowCap) break;
            if (start is null && waited.Elapsed > StartAllowance) throw new TimeoutException($"{updateKey} never rolled within {StartAllowance.TotalSeconds:F0} s");
            if ((updateViewer.Failure ?? listViewer.Failure) is { } failure) throw new InvalidOperationException($"a viewer stopped reading: {failure.Message}", failure);
            await Task.Delay(100, cancellationToken);
        }

        var messages = updateLog.Messages;
        var from = start ?? messages.FirstOrDefault(m => ViewerLog.Deltas(m) is { Rows.Length: > 0 })?.Timestamp
            ?? throw new InvalidOperationException($"{updateKey} finished before any delta carried its instances: subscribed too late");
        var to = updateLog.Finished.IsCompleted
            ? messages.Last(m => ViewerLog.Deltas(m) is { } b && b.Updates.Any(u => u.Status.IsTerminal())).Timestamp
            : Stopwatch.GetTimestamp();
        var secs = Stopwatch.GetElapsedTime(from, to).TotalSeconds;
        var updateWindow = InWindow(messages, from, to);
        var listWindow = InWindow(listLog.Messages, from, to);

        var batches = updateWindow.Concat(listWindow).Where(m => ViewerLog.Deltas(m) is not null).ToList();
        var packed = batches.Sum(m => (double)HubProtocols.Size(HubProtocols.MessagePack, m.Message));
        var json = batches.Sum(m => (double)HubProtocols.Size(HubProtocols.Json, m.Message));
        return new Dictionary<string, double>
        {
            ["delta_bytes_per_sec_update_viewer"] = updateWindow.Sum(m => (double)m.Bytes) / secs,
            ["delta_bytes_per_sec_list_viewer"] = listWindow.Sum(m => (double)m.Bytes) / secs,
            ["delta_batches_per_sec_update_viewer"] = updateWindow.Count(m => ViewerLog.Deltas(m) is not null) / secs,
            ["msgpack_vs_json_bytes_ratio"] = packed / json,
            ["delta_window_secs"] = secs,
        };
    }

    private static async Task<WireHubClient> WatchAsync(
        DashboardHost host, ViewerLog log, string method, Type answer, object?[] arguments, CancellationToken cancellationToken)
    {
        var client = await WireHubClient.ConnectAsync(host.HubAddress, HubProtocols.MessagePack, ConnectTimeout, cancellationToken);
        client.StartReading(log.Add);
        await client.InvokeAsync(method, answer, arguments);
        return client;
    }

    /// <summary>Every message of the window, deltas and anything else alike: all of it crossed the wire.</summary>
    private static List<ReceivedMessage> InWindow(IReadOnlyList<ReceivedMessage> messages, long from, long to) =>
        messages.Where(m => m.Timestamp >= from && m.Timestamp <= to && m.Message is not CompletionMessage).ToList();
}
