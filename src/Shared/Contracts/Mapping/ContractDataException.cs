namespace Rollout.Contracts.Mapping;

/// <summary>A message from the wire that cannot be mapped to the domain; the text says which field.</summary>
public sealed class ContractDataException(string message) : Exception(message);
