namespace Rollout.Server.ReadModel;

/// <summary>An event of a batch the fold could not take: its index in the batch and why.</summary>
public sealed record FoldFailure(int Index, Exception Error);
