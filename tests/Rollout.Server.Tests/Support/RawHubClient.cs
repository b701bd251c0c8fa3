using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A browser at the wire level: SignalR's JSON hub protocol over a plain WebSocket, reading only when
/// and as fast as asked to. Unlike the .NET client (which keeps reading into memory whatever its
/// handlers do), this one can be really slow at reading its socket, as a browser on a poor link is.
/// </summary>
internal sealed class RawHubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _buffer = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _invocations;

    public int DeltasSeen { get; private set; }

    /// <summary>Signs in as a browser's WebSocket does: the token as SignalR's access_token query parameter.</summary>
    /// <param name="origin">The Origin header a browser would send; none by default, as a script.</param>
    public static async Task<RawHubClient> ConnectAsync(Uri baseAddress, string path, string? origin = null, string accessToken = DashboardApp.Token)
    {
        var client = new RawHubClient();
        if (origin is not null) client._socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(new Uri(baseAddress, path)) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client._socket.ConnectAsync(uri, timeout.Token);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client.ReadUntilAsync(m => m.ValueKind == JsonValueKind.Object && !m.TryGetProperty("type", out _), TimeSpan.FromSeconds(30)); // handshake
        _ = client.PingAsync();
        return client;
    }

    /// <summary>The status a WebSocket upgrade gets: 101 when accepted, else the refusal's status.</summary>
    public static async Task<System.Net.HttpStatusCode> UpgradeStatusAsync(Uri baseAddress, string path, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await socket.ConnectAsync(new UriBuilder(new Uri(baseAddress, path)) { Scheme = "ws" }.Uri, timeout.Token);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }

    /// <summary>Sends an invocation; its completion comes back through <see cref="ReadUntilAsync"/>.</summary>
    public async Task<string> InvokeAsync(string target, params object[] arguments)
    {
        var id = (++_invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return id;
    }

    /// <summary>When set, reads wait this long after each 8 KiB: a browser on a slow link. May change while reading.</summary>
    public TimeSpan? ReadPause { get; set; }

    /// <summary>Reads messages until one matches; counts the deltas it passes on the way.</summary>
    public async Task<JsonElement> ReadUntilAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var chunk = new byte[8 * 1024];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(Separator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                var message = JsonDocument.Parse(text[..end]).RootElement.Clone();
                if (message.TryGetProperty("target", out var target) && target.GetString() == "ReceiveDeltas") DeltasSeen++;
                if (match(message)) return message;
                continue;
            }

            var result = await _socket.ReceiveAsync(chunk, cts.Token);
            if (ReadPause is { } wait) await Task.Delay(wait, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the server closed the connection");
            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
        }
    }

    public static bool IsInvocationOf(JsonElement message, string target) =>
        message.TryGetProperty("type", out var type) && type.GetInt32() == 1 && message.GetProperty("target").GetString() == target;

    public static bool IsCompletionOf(JsonElement message, string invocationId) =>
        message.TryGetProperty("type", out var type) && type.GetInt32() == 3 && message.GetProperty("invocationId").GetString() == invocationId;

    /// <summary>Keeps pinging while it does not read: a browser on a slow link, not a dead one.</summary>
    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                await SendAsync("{\"type\":6}");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _sending.WaitAsync(timeout.Token);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, timeout.Token);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        _socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }
}
