using Rollout.Benchmarks.Cases;

namespace Rollout.Benchmarks.Tests;

public class WireBytesTests
{
    [Fact]
    public async Task TinySnapshots_MessagePackIsSmallerThanJson_AndBothDecode()
    {
        var values = await new SnapshotBenchmark().RunAsync(TinySettings.Value, CancellationToken.None);

        Assert.InRange(values["snapshot_bytes_update_10k"], 1_000, values["snapshot_bytes_update_10k_json"] - 1);
        Assert.InRange(values["snapshot_bytes_list"], 100, values["snapshot_bytes_list_json"] - 1);
        Assert.True(values["snapshot_update_10k_rows_with_task"] > 0, "half-way, some instances have their new task");
        Assert.True(values["decode_ms_update_10k_msgpack"] > 0 && values["decode_ms_update_10k_json"] > 0);
    }

    [Fact]
    public async Task TinyRollout_BothViewersCountBytes_UntilTheUpdateFinishes()
    {
        var values = await new DeltaBytesBenchmark().RunAsync(TinySettings.Value, CancellationToken.None);

        Assert.InRange(values["delta_window_secs"], 0.1, 29); // ended by the update finishing, not the cap
        Assert.True(values["delta_bytes_per_sec_update_viewer"] > values["delta_bytes_per_sec_list_viewer"]);
        Assert.True(values["delta_bytes_per_sec_list_viewer"] > 0);
        Assert.True(values["delta_batches_per_sec_update_viewer"] > 0);
        Assert.InRange(values["msgpack_vs_json_bytes_ratio"], 0.1, 0.99);
    }
}
