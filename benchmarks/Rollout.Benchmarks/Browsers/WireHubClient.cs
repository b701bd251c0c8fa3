using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Rollout.Benchmarks.Browsers;

/// <summary>A message as it came off the socket: when, how many payload bytes it took, and what it said.</summary>
internal sealed record ReceivedMessage(long Timestamp, int Bytes, HubMessage Message);

/// <summary>
/// A browser at the wire level: the SignalR hub protocol over a plain WebSocket (no negotiation),
/// framed and parsed by the server's own protocol objects. It reads only once told to, so one that
/// never is really leaves its socket unread, as a frozen tab does (the .NET client reads into memory
/// whatever its handlers do). Either way it pings, so the server's client timeout never drops it.
/// </summary>
internal sealed class WireHubClient : IAsyncDisposable
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly IHubProtocol _protocol;
    private readonly DashboardBinder _binder = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly WebSocketMessageType _frames;
    private byte[] _buffer = new byte[64 * 1024];
    private int _buffered;
    private int _invocations;
    private long _bytes;
    private Task _pinging = Task.CompletedTask;
    private Task _reading = Task.CompletedTask;

    private WireHubClient(IHubProtocol protocol)
    {
        _protocol = protocol;
        _frames = protocol.TransferFormat == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
    }

    /// <summary>Payload bytes received since the handshake.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Why reading stopped early, if it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Connects and completes the handshake; nothing else is read until <see cref="StartReading"/>.</summary>
    public static async Task<WireHubClient> ConnectAsync(Uri hubAddress, IHubProtocol protocol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new WireHubClient(protocol);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await client._socket.ConnectAsync(new UriBuilder(hubAddress) { Scheme = "ws" }.Uri, deadline.Token);
            var request = new ArrayBufferWriter<byte>();
            HandshakeProtocol.WriteRequestMessage(new HandshakeRequestMessage(protocol.Name, protocol.Version), request);
            await client.SendAsync(request.WrittenMemory);
            await client.ReadHandshakeAsync(deadline.Token);
            client._pinging = client.PingAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a hub method; its answer (if read at all) is decoded as <paramref name="answer"/>.</summary>
    public async Task<string> InvokeAsync(string target, Type answer, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _invocations).ToString(CultureInfo.InvariantCulture);
        _binder.Expect(id, answer);
        await SendAsync(_protocol.GetMessageBytes(new InvocationMessage(id, target, arguments)));
        return id;
    }

    /// <summary>Reads from now on, handing each message to <paramref name="received"/> on the reading task.</summary>
    public void StartReading(Action<ReceivedMessage> received) => _reading = ReadAsync(received);

    private async Task ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await ReceiveAsync(cancellationToken);
            var input = new ReadOnlySequence<byte>(_buffer, 0, _buffered);
            if (!HandshakeProtocol.TryParseResponseMessage(ref input, out var response)) continue;
            if (response.Error is { } error) throw new InvalidOperationException($"the hub refused the handshake: {error}");
            Consume(input.Length);
            return;
        }
    }

    private async Task ReadAsync(Action<ReceivedMessage> received)
    {
        try
        {
            // Whatever came with the handshake response is read first.
            while (true)
            {
                Parse(received, Stopwatch.GetTimestamp());
                var count = await ReceiveAsync(_stop.Token);
                Interlocked.Add(ref _bytes, count);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidDataException or InvalidOperationException)
        {
            Failure = ex;
        }
    }

    private void Parse(Action<ReceivedMessage> received, long at)
    {
        var input = new ReadOnlySequence<byte>(_buffer, 0, _buffered);
        while (true)
        {
            var before = input.Length;
            if (!_protocol.TryParseMessage(ref input, _binder, out var message)) break;
            received(new ReceivedMessage(at, (int)(before - input.Length), message!));
        }

        Consume(input.Length);
    }

    /// <summary>Drops what was parsed; <paramref name="remaining"/> bytes of a message still incomplete move to the front.</summary>
    private void Consume(long remaining)
    {
        var left = (int)remaining;
        Buffer.BlockCopy(_buffer, _buffered - left, _buffer, 0, left);
        _buffered = left;
    }

    private async Task<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_buffered == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2); // a snapshot larger than the buffer
        var result = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), cancellationToken);
        if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the server closed the connection");
        _buffered += result.Count;
        return result.Count;
    }

    private async Task PingAsync()
    {
        var ping = _protocol.GetMessageBytes(PingMessage.Instance);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(PingEvery, _stop.Token);
                await SendAsync(ping);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await _sending.WaitAsync(timeout.Token);
        try
        {
            await _socket.SendAsync(bytes, _frames, endOfMessage: true, timeout.Token);
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
        await Task.WhenAll(_pinging, _reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }
}
