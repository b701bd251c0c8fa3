using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>The engine asks only for GroupSize; Aurora's getNextGroup (NextGroup) must agree with it.</summary>
public class GroupSizeAgreementTests
{
    private static readonly IComparer<int> Natural = Comparer<int>.Default;

    public static TheoryData<string> Strategies() => ["queue", "batch", "variable-forward", "variable-backward"];

    private static UpdateStrategy Make(string kind) => kind switch
    {
        "queue" => new QueueStrategy(Natural, 3),
        "batch" => new BatchStrategy(Natural, 4),
        "variable-forward" => new VariableBatchStrategy(Natural, [1, 3, 2], rollingForward: true),
        _ => new VariableBatchStrategy(Natural, [1, 3, 2], rollingForward: false),
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void GroupSize_RandomIdleAndActive_EqualsNextGroupCount(string kind)
    {
        // Two strategies fed the same calls: the variable batch one remembers its first idle count.
        var counting = Make(kind);
        var grouping = Make(kind);
        var random = new Random(20240611);
        for (var call = 0; call < 500; call++)
        {
            var idleCount = random.Next(0, 40);
            var activeCount = random.Next(0, 6);
            var idle = Enumerable.Range(100, idleCount).OrderBy(_ => random.Next()).ToArray();
            var active = Enumerable.Range(0, activeCount).ToArray();

            var size = counting.GroupSize(idleCount, activeCount);
            var group = grouping.NextGroup(idle, active);

            Assert.Equal(size, group.Count);
            Assert.Equal(idle.Order().Take(size), group);
        }
    }
}
