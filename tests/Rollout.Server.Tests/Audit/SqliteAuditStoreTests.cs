using System.Globalization;
using Microsoft.Data.Sqlite;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Audit;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private const string Web = "www-data/prod/web#web-1";
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = DashboardApp.NewDataPath();

    private string File => Path.Combine(_folder, "audit.db");

    private SqliteAuditStore NewStore() => new(File, TimeSpan.FromSeconds(1));

    private static AuditEntry Entry(int second, string key = Web, ControlResult? result = null) =>
        new(0, new AuditStamp(T0.AddSeconds(second), T0.AddSeconds(second + 100)), "dana", ControlCommand.Pause, key, $"m{second}", result ?? ControlResult.Ok(UpdateStatus.RollForwardPaused));

    [Fact]
    public void Open_NewFolder_CreatesTheFileAtTheCurrentSchemaVersionInWal()
    {
        using var store = NewStore();

        store.Open();

        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        Assert.Equal((long)SqliteAuditStore.SchemaVersion, Scalar(connection, "SELECT MAX(version) FROM schema_version;"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public void Open_Again_KeepsEntriesAndMigratesNothingTwice()
    {
        using (var first = NewStore())
        {
            first.Open();
            first.Append(Entry(1));
        }

        using var second = NewStore();
        second.Open();

        Assert.Single(second.List(Web, 10));
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_NewerSchema_RefusesToStart()
    {
        using (var store = NewStore()) store.Open();
        using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({SqliteAuditStore.SchemaVersion + 1});");
            command.ExecuteNonQuery();
        }

        using var newer = NewStore();
        var ex = Assert.Throws<InvalidOperationException>(newer.Open);
        Assert.Contains("schema version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_ThenList_RoundTripsEveryField()
    {
        using var store = NewStore();
        store.Open();
        var entry = Entry(1, result: ControlResult.Invalid("no update", UpdateStatus.RolledForward)) with { User = "ro\r\not", Message = "a\u202Eb" };

        var id = store.Append(entry);

        Assert.Equal(entry with { Id = id }, store.List(Web, 10).Single());
    }

    [Fact]
    public void List_ManyEntries_NewestFirstLimitedToTheUpdate()
    {
        using var store = NewStore();
        store.Open();
        store.Append(Entry(2));
        store.Append(Entry(1));
        store.Append(Entry(3));
        store.Append(Entry(4, "www-data/prod/other#x"));

        var listed = store.List(Web, 2);

        Assert.Equal(["m3", "m2"], listed.Select(e => e.Message));
    }

    [Fact]
    public void MarkApplied_UnknownOutcome_IsResolvedWithTheSeenStatus()
    {
        using var store = NewStore();
        store.Open();
        var id = store.Append(Entry(1, result: ControlResult.Unknown("no answer")));
        store.Append(Entry(2));
        Assert.Equal([id], store.Unresolved().Select(e => e.Id));

        store.MarkApplied(id, new AuditApplied(T0.AddSeconds(150), UpdateStatus.RollForwardPaused));

        Assert.Empty(store.Unresolved());
        var entry = store.List(Web, 10).Single(e => e.Id == id);
        Assert.Equal((ControlOutcome.OutcomeUnknown, T0.AddSeconds(150), UpdateStatus.RollForwardPaused), (entry.Result.Outcome, entry.AppliedAt, entry.Result.Status));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => DashboardApp.DeleteDataPath(_folder);
}
