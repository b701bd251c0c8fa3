using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Updater;
using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater;

// Ported from Aurora's OneWayJobUpdaterTest.java: all 5 test methods.
// Not ported: none.
// Translation throughout:
// - Aurora mocks the strategy and each instance's StateEvaluator and scripts their answers. Here the
//   strategy is a real one whose groups match the scripted ones, and each instance is a real
//   InstanceUpdater fed a hand-made task whose state produces the scripted result (no src/ seam needed).
//   What the mocks verified (getNextGroup's idle/working arguments) shows here as the groups started.
// - Aurora's side effects are a map keyed by instance; here they are a list carrying the instance id,
//   asserted in the updater's order: the changed instances first, then the started group in strategy order.
// - A status-change set maps to (BecameWorking, Reached): {WORKING, SUCCEEDED} is (true, Succeeded).
//   An absent action (SUCCEEDED, FAILED_TERMINATED) is TaskAction.None.

/// <summary>Aurora's OneWayJobUpdaterTest: the roll-up of four instances' updates into the job update's.</summary>
public class OneWayJobUpdaterTests
{
    private static readonly TimeSpan MinRunning = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Even instances first: a batch of two then starts {0, 2} and then {1, 3}, as Aurora's mocked strategy does.</summary>
    private static readonly IComparer<int> EvenFirst = Comparer<int>.Create((x, y) => (x % 2, x).CompareTo((y % 2, y)));

    private readonly Dictionary<int, FakeTask?> _tasks = [];

    // OneWayJobUpdaterTest.java: testSuccessfulUpdate
    // Instance 0 is removed (kill, wait, succeed), 2 is new (add, then stable), 1 is already in place,
    // and 3 has just come up on the desired config (watch, then stable).
    [Fact]
    public void Evaluate_InstancesConvergeGroupByGroup_Succeeds()
    {
        _tasks[0] = FakeTask.Running(Configs.Old, T0, 0);
        _tasks[1] = FakeTask.Running(Configs.New, T0, 1);
        _tasks[2] = null;
        _tasks[3] = FakeTask.Pending(Configs.New, T0, 3);
        var updater = Updater(new BatchStrategy(EvenFirst, 2), 0, (0, null), (1, Configs.New), (2, Configs.New), (3, Configs.New));

        AssertEvaluation(
            updater.Evaluate([], StateOf, T0),
            OneWayStatus.Working,
            Effect(0, TaskAction.KillTask, working: true),
            Effect(2, TaskAction.AddTask, working: true));

        Change(0, T0, TaskState.Killing);
        AssertEvaluation(updater.Evaluate([(0, _tasks[0])], StateOf, T0), OneWayStatus.Working, Effect(0, TaskAction.AwaitStateChange));

        Change(0, T0, TaskState.Killed);
        AssertEvaluation(
            updater.Evaluate([(0, _tasks[0])], StateOf, T0),
            OneWayStatus.Working,
            Effect(0, TaskAction.None, reached: InstanceUpdateStatus.Succeeded));

        var t1 = T0 + MinRunning;
        _tasks[2] = FakeTask.Running(Configs.New, T0, 2);
        Change(3, t1, TaskState.Assigned, TaskState.Starting, TaskState.Running);
        AssertEvaluation(
            updater.Evaluate([(2, _tasks[2])], StateOf, t1),
            OneWayStatus.Working,
            Effect(2, TaskAction.None, reached: InstanceUpdateStatus.Succeeded),
            Effect(1, TaskAction.None, working: true, reached: InstanceUpdateStatus.Succeeded),
            Effect(3, TaskAction.WatchTask, working: true));

        AssertEvaluation(
            updater.Evaluate([(3, _tasks[3])], StateOf, t1 + MinRunning),
            OneWayStatus.Succeeded,
            Effect(3, TaskAction.None, reached: InstanceUpdateStatus.Succeeded));
    }

    // OneWayJobUpdaterTest.java: testFailedUpdate
    // Instance 0's replacement has already exited with no failure tolerated (FAILED_TERMINATED at once);
    // instance 1 still runs the old config (KILL_TASK).
    [Fact]
    public void Evaluate_InstanceFailsBeyondMaxFailedInstances_FailsAndRejectsFurtherEvaluations()
    {
        _tasks[0] = FakeTask.Running(Configs.New, T0, 0).MoveTo(T0, TaskState.Failed);
        for (var i = 1; i < 4; i++) _tasks[i] = FakeTask.Running(Configs.Old, T0, i);
        var updater = Updater(new BatchStrategy(Comparer<int>.Default, 2), 0, (0, Configs.New), (1, Configs.New), (2, Configs.New), (3, Configs.New));

        AssertEvaluation(
            updater.Evaluate([], StateOf, T0),
            OneWayStatus.Failed,
            Effect(0, TaskAction.None, working: true, reached: InstanceUpdateStatus.Failed),
            Effect(1, TaskAction.KillTask, working: true));

        // The updater now rejects further attempts to evaluate.
        Assert.Throws<InvalidOperationException>(() => updater.Evaluate([], StateOf, T0));
    }

    // OneWayJobUpdaterTest.java: testEvaluateCompletedInstance
    // Instance 0 is already in place (SUCCEEDED at once), so the updater moves on to instance 1, whose
    // replacement is starting (EVALUATE_ON_STATE_CHANGE); a batch of one gives Aurora's groups {0}, {1}.
    [Fact]
    public void Evaluate_StateChangeOfCompletedInstance_IsIgnored()
    {
        _tasks[0] = FakeTask.Running(Configs.New, T0 - MinRunning, 0);
        _tasks[1] = FakeTask.Pending(Configs.New, T0, 1).MoveTo(T0, TaskState.Assigned, TaskState.Starting);
        _tasks[2] = FakeTask.Running(Configs.Old, T0, 2);
        _tasks[3] = FakeTask.Running(Configs.Old, T0, 3);
        var updater = Updater(new BatchStrategy(Comparer<int>.Default, 1), 0, (0, Configs.New), (1, Configs.New), (2, Configs.New), (3, Configs.New));

        AssertEvaluation(
            updater.Evaluate([], StateOf, T0),
            OneWayStatus.Working,
            Effect(0, TaskAction.None, working: true, reached: InstanceUpdateStatus.Succeeded),
            Effect(1, TaskAction.AwaitStateChange, working: true));

        // Instance 0 is already finished, so further notifications of its state are no-ops.
        AssertEvaluation(updater.Evaluate([(0, _tasks[0])], StateOf, T0), OneWayStatus.Working);
    }

    // OneWayJobUpdaterTest.java: testResultsObjectOverrides
    // Aurora's keys "a" and "b" are instances 0 and 1. Results built alike must be equal, as values and
    // as set members (Aurora's equals/hashCode over status and side effects).
    // Fails against src/: the EvaluationResult record compares its SideEffects list by reference.
    [Fact]
    public void EvaluationResult_BuiltFromEqualParts_IsEqualByValue()
    {
        var a = new EvaluationResult(OneWayStatus.Working, [Effect(0, TaskAction.KillTask)]);
        var a2 = new EvaluationResult(OneWayStatus.Working, [Effect(0, TaskAction.KillTask)]);
        var b = new EvaluationResult(OneWayStatus.Working, [Effect(1, TaskAction.KillTask)]);
        var c = new EvaluationResult(OneWayStatus.Failed, [Effect(1, TaskAction.KillTask)]);

        Assert.Equal(new HashSet<EvaluationResult> { a, b }, new HashSet<EvaluationResult> { a, a2, b });
        Assert.Equal(a, a2);
        Assert.NotEqual(a, b);
        Assert.NotEqual(b, c);
        Assert.False(a.Equals(string.Empty));
    }

    // OneWayJobUpdaterTest.java: testSideEffectObjectOverrides
    // Aurora's side effect has no instance id (it is the map key); all four share instance 0 here.
    [Fact]
    public void SideEffect_BuiltFromEqualParts_IsEqualByValue()
    {
        var a = Effect(0, TaskAction.KillTask);
        var b = Effect(0, TaskAction.KillTask);
        var c = Effect(0, TaskAction.KillTask, reached: InstanceUpdateStatus.Failed);
        var d = Effect(0, TaskAction.AwaitStateChange, reached: InstanceUpdateStatus.Failed);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(c, d);
        Assert.False(a.Equals("a string"));
    }

    private static OneWayJobUpdater Updater(UpdateStrategy strategy, int maxFailedInstances, params (int Id, TaskSpec? Desired)[] instances) =>
        new(strategy, maxFailedInstances, [.. instances.Select(i => new InstanceUpdater(i.Id, i.Desired, 0, MinRunning, new NeverHealthGated()))]);

    private static SideEffect Effect(int instance, TaskAction action, bool working = false, InstanceUpdateStatus? reached = null) =>
        new(instance, action, working, reached);

    private static void AssertEvaluation(EvaluationResult actual, OneWayStatus status, params SideEffect[] effects)
    {
        Assert.Equal(status, actual.Status);
        Assert.Equal(effects, actual.SideEffects);
    }

    private IObservedTask? StateOf(int instance) => _tasks[instance];

    private void Change(int instance, DateTimeOffset at, params TaskState[] states) =>
        _tasks[instance] = (_tasks[instance] ?? throw new InvalidOperationException($"instance {instance} has no task")).MoveTo(at, states);
}
