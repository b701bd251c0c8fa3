using System.Text;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

/// <summary>
/// Instance rows as one compact byte block: a string table (hosts, capabilities and hazard codes
/// repeat across thousands of rows), then each row as small integers. A browser decodes 10,000 rows
/// with straight-line code instead of a reflection-driven serializer, which in WebAssembly took seconds.
/// </summary>
public static class InstanceRowCodec
{
    private const byte FormatVersion = 1;

    public static byte[] Encode(IReadOnlyList<InstanceView> rows)
    {
        if (rows.Count == 0) return [];
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Index(string s)
        {
            if (!strings.TryGetValue(s, out var i))
            {
                i = table.Count;
                strings[s] = i;
                table.Add(s);
            }

            return i;
        }

        var body = new Writer(rows.Count * 24);
        foreach (var r in rows)
        {
            body.UInt((ulong)(uint)r.InstanceId);
            body.UInt((ulong)Index(r.TaskId));
            body.Byte(r.TaskStatus is { } s ? (byte)((int)s + 1) : (byte)0);
            body.UInt((ulong)Index(r.Host));
            body.Byte((byte)r.ExecutorVersion);
            body.Strings(r.Capabilities, Index);
            body.Strings(r.UnknownCapabilities, Index);
            body.Byte((byte)r.HealthState);
            if (r.Progress is { } p)
            {
                body.Byte(1);
                body.Int(p.ConsecutiveSuccesses);
                body.Int(p.ConsecutiveFailures);
                body.Int(p.AttemptsUsed);
                body.Int(p.AttemptsAllowed);
                body.Int(p.RequiredSuccesses);
                body.Int(p.GraceAttempts);
            }
            else
            {
                body.Byte(0);
            }

            body.Byte((byte)r.GatingMode);
            if (r.WatchDeadline is { } deadline)
            {
                body.Byte(1);
                body.UInt((ulong)deadline.UtcTicks);
            }
            else
            {
                body.Byte(0);
            }

            body.Byte(r.UpdaterDecision is { } d ? (byte)((int)d + 1) : (byte)0);
            body.Strings(r.Hazards, Index);
            body.Byte(r.UpdateAction is { } a ? (byte)((int)a + 1) : (byte)0);
            body.Int(r.Failures);
        }

        var head = new Writer(16 + table.Sum(s => s.Length + 2));
        head.Byte(FormatVersion);
        head.UInt((ulong)table.Count);
        foreach (var s in table) head.Text(s);
        head.UInt((ulong)rows.Count);
        return [.. head.Span, .. body.Span];
    }

    /// <exception cref="FormatException">The block is not one this codec wrote.</exception>
    public static InstanceView[] Decode(byte[] data) => [.. DecodeInSlices(data, int.MaxValue).SelectMany(s => s)];

    /// <summary>
    /// Decodes <paramref name="sliceRows"/> rows at a time, so a browser can draw (or answer a click)
    /// between slices of a 10,000-row snapshot.
    /// </summary>
    /// <exception cref="FormatException">The block is not one this codec wrote.</exception>
    public static IEnumerable<InstanceView[]> DecodeInSlices(byte[] data, int sliceRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceRows, 1);
        if (data.Length == 0) yield break;
        var r = new Reader(data);
        if (r.Byte() != FormatVersion) throw new FormatException("unknown instance row format");
        var table = new string[r.Count(data.Length)];
        for (var i = 0; i < table.Length; i++) table[i] = r.Text();
        var total = r.Count(data.Length);
        for (var done = 0; done < total;)
        {
            var slice = new InstanceView[Math.Min(sliceRows, total - done)];
            for (var i = 0; i < slice.Length; i++) slice[i] = Row(r, table);
            done += slice.Length;
            yield return slice;
        }
    }

    private static InstanceView Row(Reader r, string[] table)
    {
        {
            var id = (int)r.UInt();
            var taskId = table[r.Count(table.Length - 1)];
            var status = r.Byte() is var s and > 0 ? (TaskState?)(s - 1) : null;
            var host = table[r.Count(table.Length - 1)];
            var executor = (ExecutorVersion)r.Byte();
            var capabilities = r.Strings(table);
            var unknown = r.Strings(table);
            var health = (HealthState)r.Byte();
            HealthCheckProgress? progress = r.Byte() == 1 ? new(r.Int(), r.Int(), r.Int(), r.Int(), r.Int(), r.Int()) : null;
            var mode = (GatingMode)r.Byte();
            DateTimeOffset? deadline = r.Byte() == 1 ? new DateTimeOffset((long)r.UInt(), TimeSpan.Zero) : null;
            var decision = r.Byte() is var d and > 0 ? (GatingMode?)(d - 1) : null;
            var hazards = r.Strings(table);
            var action = r.Byte() is var a and > 0 ? (InstanceAction?)(a - 1) : null;
            return new InstanceView(id, taskId, status, host, executor, capabilities, unknown, health, progress, mode, deadline, decision,
                hazards, action, r.Int());
        }
    }

    private sealed class Writer(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(16, capacity)];
        private int _length;

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        public void Byte(byte value)
        {
            Ensure(1);
            _buffer[_length++] = value;
        }

        public void UInt(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_length++] = (byte)value;
        }

        /// <summary>Zig-zag: small negative numbers stay small.</summary>
        public void Int(int value) => UInt((uint)((value << 1) ^ (value >> 31)));

        public void Text(string value)
        {
            var bytes = Encoding.UTF8.GetByteCount(value);
            UInt((ulong)bytes);
            Ensure(bytes);
            _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        }

        public void Strings(IReadOnlyList<string> values, Func<string, int> index)
        {
            UInt((ulong)values.Count);
            foreach (var v in values) UInt((ulong)index(v));
        }

        private void Ensure(int more)
        {
            if (_length + more > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }

    private sealed class Reader(byte[] data)
    {
        private int _at;

        public byte Byte() => _at < data.Length ? data[_at++] : throw new FormatException("instance rows end early");

        public ulong UInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }

            throw new FormatException("malformed number in instance rows");
        }

        public int Int()
        {
            var z = (uint)UInt();
            return (int)(z >> 1) ^ -(int)(z & 1);
        }

        /// <summary>A count or index that must not exceed what the data can hold.</summary>
        public int Count(int max)
        {
            var value = UInt();
            return value <= (ulong)Math.Max(max, 0) ? (int)value : throw new FormatException("count out of range in instance rows");
        }

        public string Text()
        {
            var length = Count(data.Length - _at);
            var text = Encoding.UTF8.GetString(data, _at, length);
            _at += length;
            return text;
        }

        public string[] Strings(string[] table)
        {
            var count = Count(data.Length - _at);
            if (count == 0) return [];
            var values = new string[count];
            for (var i = 0; i < count; i++) values[i] = table[Count(table.Length - 1)];
            return values;
        }
    }
}
