using Microsoft.Data.Sqlite;
using Rollout.Server.Audit;

namespace Rollout.Server.Tests.Audit;

/// <summary>An audit store in memory that can be told to fail, as a full disk or a locked file would.</summary>
internal sealed class FakeAuditStore : IAuditStore
{
    private readonly List<AuditEntry> _entries = [];

    public bool Failing { get; set; }

    public IReadOnlyList<AuditEntry> Entries => _entries;

    public void Open()
    {
    }

    public long Append(AuditEntry entry)
    {
        if (Failing) throw new SqliteException("disk I/O error", 10);
        var written = entry with { Id = _entries.Count + 1 };
        _entries.Add(written);
        return written.Id;
    }

    public void MarkApplied(long id, AuditApplied applied)
    {
        if (Failing) throw new SqliteException("disk I/O error", 10);
        var at = _entries.FindIndex(e => e.Id == id);
        _entries[at] = _entries[at] with { AppliedAt = applied.At, Result = _entries[at].Result with { Status = applied.Status } };
    }

    public IReadOnlyList<AuditEntry> List(string updateKey, int limit) =>
        _entries.Where(e => e.UpdateKey == updateKey).OrderByDescending(e => e.Sent.At).ThenByDescending(e => e.Id).Take(limit).ToList();

    public IReadOnlyList<AuditEntry> Unresolved() => _entries.Where(e => e.Unresolved).ToList();
}
