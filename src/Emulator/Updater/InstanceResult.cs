namespace Rollout.Emulator.Updater;

/// <summary>Aurora's StateEvaluator.Result: an instance's verdict and the action it asks for.</summary>
internal enum InstanceResult
{
    EvaluateOnStateChange,
    ReplaceTaskAndEvaluateOnStateChange,

    /// <summary>
    /// Aurora also has a variant that reserves the agent for the replacement when resources fit; the
    /// emulator models no resources, so every kill is a plain kill.
    /// </summary>
    KillTaskAndEvaluateOnStateChange,
    EvaluateAfterMinRunning,
    Succeeded,
    FailedTerminated,
}

/// <summary>Aurora's InstanceAction: what the controller does to the instance's task.</summary>
internal enum TaskAction
{
    None,
    AwaitStateChange,
    AddTask,
    KillTask,
    WatchTask,
}

internal static class InstanceResults
{
    public static TaskAction Action(this InstanceResult result) => result switch
    {
        InstanceResult.EvaluateOnStateChange => TaskAction.AwaitStateChange,
        InstanceResult.ReplaceTaskAndEvaluateOnStateChange => TaskAction.AddTask,
        InstanceResult.KillTaskAndEvaluateOnStateChange => TaskAction.KillTask,
        InstanceResult.EvaluateAfterMinRunning => TaskAction.WatchTask,
        _ => TaskAction.None,
    };
}
