using System.Globalization;
using Microsoft.Data.Sqlite;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Server.Audit;

/// <summary>
/// The audit in one SQLite file. Every write is synchronous and committed before the command's answer
/// goes back (journal WAL, synchronous FULL): a record cannot be lost to a crash once answered, and
/// one write waits at most the busy timeout for another process holding the file.
/// </summary>
public sealed class SqliteAuditStore(string file, TimeSpan busyTimeout) : IAuditStore, IDisposable
{
    /// <summary>Each step takes the schema from the version before it to its index + 1; append only.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ticks INTEGER NOT NULL,
            scheduler_at_ticks INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            command TEXT NOT NULL,
            update_key TEXT NOT NULL,
            message TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            status TEXT NULL,
            applied_at_ticks INTEGER NULL);
        CREATE INDEX audit_by_update ON audit (update_key, at_ticks DESC, id DESC);
        CREATE INDEX audit_unresolved ON audit (outcome) WHERE applied_at_ticks IS NULL;
        """,
    ];

    private const string Columns = "id, at_ticks, scheduler_at_ticks, user_name, command, update_key, message, outcome, reason, status, applied_at_ticks";

    private readonly Lock _write = new();
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
    }.ToString();

    public static int SchemaVersion => Migrations.Length;

    public string File => file;

    public void Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        lock (_write)
        {
            using var connection = Connect();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            using var transaction = connection.BeginTransaction();
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", transaction);
            var current = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", transaction), CultureInfo.InvariantCulture);
            if (current > Migrations.Length)
                throw new InvalidOperationException($"{file} has audit schema version {current}; this build knows versions up to {Migrations.Length}");
            for (var version = current; version < Migrations.Length; version++)
            {
                Execute(connection, Migrations[version], transaction);
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({version + 1});", transaction);
            }

            transaction.Commit();
        }
    }

    public long Append(AuditEntry entry)
    {
        lock (_write)
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO audit (at_ticks, scheduler_at_ticks, user_name, command, update_key, message, outcome, reason, status, applied_at_ticks)
                VALUES ($at, $schedulerAt, $user, $command, $key, $message, $outcome, $reason, $status, $applied);
                SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$at", entry.Sent.At.UtcTicks);
            command.Parameters.AddWithValue("$schedulerAt", entry.Sent.SchedulerAt.UtcTicks);
            command.Parameters.AddWithValue("$user", entry.User);
            command.Parameters.AddWithValue("$command", entry.Command.ToString());
            command.Parameters.AddWithValue("$key", entry.UpdateKey);
            command.Parameters.AddWithValue("$message", entry.Message);
            command.Parameters.AddWithValue("$outcome", entry.Result.Outcome.ToString());
            command.Parameters.AddWithValue("$reason", entry.Result.Reason);
            command.Parameters.AddWithValue("$status", (object?)entry.Result.Status?.ToString() ?? DBNull.Value);
            command.Parameters.AddWithValue("$applied", (object?)entry.AppliedAt?.UtcTicks ?? DBNull.Value);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public void MarkApplied(long id, AuditApplied applied)
    {
        lock (_write)
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET applied_at_ticks = $at, status = $status WHERE id = $id AND applied_at_ticks IS NULL;";
            command.Parameters.AddWithValue("$at", applied.At.UtcTicks);
            command.Parameters.AddWithValue("$status", applied.Status.ToString());
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<AuditEntry> List(string updateKey, int limit)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit WHERE update_key = $key ORDER BY at_ticks DESC, id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$key", updateKey);
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command);
    }

    public IReadOnlyList<AuditEntry> Unresolved()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit WHERE outcome = $outcome AND applied_at_ticks IS NULL ORDER BY id;";
        command.Parameters.AddWithValue("$outcome", nameof(ControlOutcome.OutcomeUnknown));
        return Read(command);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; a stopped dashboard lets it go (tests delete it).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
        return connection;
    }

    private static List<AuditEntry> Read(SqliteCommand command)
    {
        var entries = new List<AuditEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var status = reader.IsDBNull(9) ? null : Parse<UpdateStatus>(reader.GetString(9));
            var result = new ControlResult(Parse<ControlOutcome>(reader.GetString(7)) ?? ControlOutcome.InvalidRequest, reader.GetString(8), status);
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                new AuditStamp(Utc(reader.GetInt64(1)), Utc(reader.GetInt64(2))),
                reader.GetString(3),
                Parse<ControlCommand>(reader.GetString(4)) ?? ControlCommand.Pause,
                reader.GetString(5),
                reader.GetString(6),
                result,
                reader.IsDBNull(10) ? null : Utc(reader.GetInt64(10))));
        }

        return entries;
    }

    private static T? Parse<T>(string text)
        where T : struct, Enum => Enum.TryParse<T>(text, out var value) ? value : null;

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
