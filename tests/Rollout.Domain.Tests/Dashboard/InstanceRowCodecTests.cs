using System.Text;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Dashboard;

public class InstanceRowCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static InstanceView Rich(int id) => new(
        id, $"cdn-prod-edge-{id}-3f2a", TaskState.Running, $"host-{id % 200:D3}", ExecutorVersion.VCurrent,
        ["HEALTH_GATED_RUNNING", "HEALTH_CHECK_PROGRESS"], ["WARP_DRIVE", "ünïcødé ✓"], HealthState.Checking,
        new HealthCheckProgress(2, -1, 4, int.MaxValue, 2, 0), GatingMode.WatchSecs, T0.AddSeconds(id), GatingMode.HealthGated,
        ["UPDATER_DISAGREES_WITH_EVIDENCE"], InstanceAction.InstanceRollbackFailed, 3);

    [Fact]
    public void RoundTrip_EveryFieldSurvives()
    {
        InstanceView[] rows = [Rich(0), Rich(1), InstanceView.NotStarted(7), Rich(int.MaxValue) with { TaskStatus = TaskState.Lost, Failures = -2 }];

        var decoded = InstanceRowCodec.Decode(InstanceRowCodec.Encode(rows));

        Assert.Equal(rows, decoded);
    }

    [Fact]
    public void RoundTrip_EveryEnumValue()
    {
        var rows = Enum.GetValues<TaskState>().Select((s, i) => InstanceView.NotStarted(i) with
        {
            TaskStatus = s,
            HealthState = Enum.GetValues<HealthState>()[i % Enum.GetValues<HealthState>().Length],
            UpdateAction = Enum.GetValues<InstanceAction>()[i % Enum.GetValues<InstanceAction>().Length],
            GatingMode = Enum.GetValues<GatingMode>()[i % Enum.GetValues<GatingMode>().Length],
            ExecutorVersion = Enum.GetValues<ExecutorVersion>()[i % Enum.GetValues<ExecutorVersion>().Length],
        }).ToArray();

        Assert.Equal(rows, InstanceRowCodec.Decode(InstanceRowCodec.Encode(rows)));
    }

    [Fact]
    public void Encode_NoRows_IsEmpty()
    {
        Assert.Empty(InstanceRowCodec.Encode([]));
        Assert.Empty(InstanceRowCodec.Decode([]));
    }

    [Fact]
    public void Encode_RepeatedStrings_AreStoredOnce()
    {
        var rows = Enumerable.Range(0, 1000).Select(Rich).ToArray();

        var bytes = InstanceRowCodec.Encode(rows);

        var capabilities = Encoding.UTF8.GetBytes("HEALTH_CHECK_PROGRESS");
        Assert.Equal(1, Occurrences(bytes, capabilities));
        Assert.True(bytes.Length < rows.Length * 80, $"{bytes.Length} bytes for {rows.Length} rows");
    }

    [Fact]
    public void Decode_TruncatedOrForeignData_IsAFormatError()
    {
        var bytes = InstanceRowCodec.Encode([Rich(1), Rich(2)]);

        Assert.Throws<FormatException>(() => InstanceRowCodec.Decode(bytes[..^3]));
        Assert.Throws<FormatException>(() => InstanceRowCodec.Decode([9, 0, 0]));
        Assert.Throws<FormatException>(() => InstanceRowCodec.Decode([1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])); // a string table larger than the data
    }

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) count++;
        }

        return count;
    }
}
