namespace Rollout.Server.Audit;

/// <summary>Where audit entries are kept. Append-only but for marking an unknown outcome applied.</summary>
public interface IAuditStore
{
    /// <summary>Creates or migrates the schema.</summary>
    void Open();

    /// <summary>Writes one entry; returns its id.</summary>
    long Append(AuditEntry entry);

    void MarkApplied(long id, AuditApplied applied);

    /// <summary>One update's entries, newest first.</summary>
    IReadOnlyList<AuditEntry> List(string updateKey, int limit);

    /// <summary>Entries whose outcome is unknown and not yet seen applied.</summary>
    IReadOnlyList<AuditEntry> Unresolved();
}
