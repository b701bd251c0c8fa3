namespace Rollout.Domain.Capabilities;

/// <summary>What a status message advertised. Unknown tokens are kept, never fatal.</summary>
public sealed record CapabilitySet(
    bool Advertised,
    IReadOnlyList<ExecutorCapability> Known,
    IReadOnlyList<string> Unknown,
    bool Truncated)
{
    public static CapabilitySet None { get; } = new(false, [], [], false);

    public bool Has(ExecutorCapability capability) => Known.Contains(capability);
}
