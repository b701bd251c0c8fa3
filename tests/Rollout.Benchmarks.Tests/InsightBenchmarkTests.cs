using Rollout.Benchmarks.Cases;

namespace Rollout.Benchmarks.Tests;

public class InsightBenchmarkTests
{
    [Fact]
    public async Task TinyMidRollout_EveryFigureAndRatioReported_FromTheSameEvents()
    {
        var values = await new InsightBenchmark().RunAsync(TinySettings.Value, CancellationToken.None);

        Assert.True(values["insight_fold_ms_10k"] > 0 && values["model_fold_ms_10k"] > 0);
        Assert.Equal(values["insight_fold_ms_10k"] / values["model_fold_ms_10k"], values["insight_fold_vs_model_fold"], 9);
        Assert.Equal(values["insight_view_ms_10k"] / values["snapshot_ms_10k"], values["insight_view_vs_snapshot"], 9);
        Assert.InRange(values["insight_view_bytes_10k"], 500, 10_000_000);
        Assert.InRange(values["timeline_detail_bytes_largest_batch"], 50, values["insight_view_bytes_10k"]);
    }
}
