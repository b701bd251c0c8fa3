using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A loopback TCP proxy between the dashboard and its upstream that injects link faults on demand:
/// <see cref="Cut"/> (FIN), <see cref="Reset"/> (RST), <see cref="Stall"/> (a black hole: nothing
/// passes, nothing closes), <see cref="HalfOpen"/> (the peer is gone without a FIN), added
/// <see cref="Latency"/> and slow bytes (<see cref="BytesPerSecond"/>). Bytes pass unchanged and in
/// order otherwise, so it works for any protocol (here: gRPC over h2c).
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;
    private volatile bool _swallowNew;

    public FaultProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Loopback, target.Port);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where the dashboard connects instead of the upstream.</summary>
    public Uri Address { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Added before every chunk is passed on, both ways.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When positive, bytes pass in small chunks at about this rate, both ways (slow bytes).</summary>
    public int BytesPerSecond { get; set; }

    /// <summary>Closes every open connection with a FIN, both ways.</summary>
    public void Cut() => Each(l => l.Close(reset: false));

    /// <summary>Closes every open connection with an RST, both ways.</summary>
    public void Reset() => Each(l => l.Close(reset: true));

    /// <summary>A black hole: open connections stop passing anything (and stay open); new ones are accepted and answer nothing.</summary>
    public void Stall()
    {
        _swallowNew = true;
        Each(l => l.Stall());
    }

    /// <summary>
    /// The upstream side goes away (its socket is reset) but the dashboard's side is never told: no
    /// FIN, no RST, what it sends vanishes. New connections are accepted and answer nothing.
    /// </summary>
    public void HalfOpen()
    {
        _swallowNew = true;
        Each(l => l.HalfOpen());
    }

    /// <summary>Connections made from now on pass bytes again; broken ones stay broken, as on a real network.</summary>
    public void Heal() => _swallowNew = false;

    public async ValueTask DisposeAsync()
    {
        // Links first: a stalled link that saw the cancellation first would drop out of the set with its sockets open.
        _listener.Dispose();
        Each(l => l.Dispose());
        await _stop.CancelAsync();
        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Each(Action<Link> action)
    {
        foreach (var link in _links.Keys) action(link);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            var link = new Link(this, client);
            _links[link] = 0;
            _ = Task.Run(() => link.RunAsync(_swallowNew));
        }
    }

    private sealed class Link(FaultProxy proxy, Socket client) : IDisposable
    {
        private readonly Socket _upstream = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private volatile bool _stalled;
        private volatile bool _halfOpen;
        private int _closed;

        public async Task RunAsync(bool swallow)
        {
            try
            {
                if (swallow)
                {
                    _halfOpen = true;
                    await PumpAsync(client, null);
                    return;
                }

                await _upstream.ConnectAsync(proxy._target, proxy._stop.Token);
                await Task.WhenAll(PumpAsync(client, _upstream), PumpAsync(_upstream, client));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                if (!_halfOpen && !_stalled) Close(reset: true);
            }
            finally
            {
                if (proxy._stop.IsCancellationRequested) Close(reset: true); // never leave the upstream a connection nobody owns
                proxy._links.TryRemove(this, out _);
            }
        }

        public void Stall() => _stalled = true;

        public void Dispose() => Close(reset: true);

        public void HalfOpen()
        {
            _halfOpen = true;
            Kill(_upstream, reset: true); // the far side is gone; the dashboard's side hears nothing of it
        }

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            Kill(client, reset);
            Kill(_upstream, reset);
        }

        /// <summary>Passes bytes from one side to the other (to null: swallows them) until either side closes.</summary>
        private async Task PumpAsync(Socket from, Socket? to)
        {
            var buffer = new byte[64 * 1024];
            var token = proxy._stop.Token;
            while (true)
            {
                int read;
                try
                {
                    read = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The upstream socket of a half-open link was killed here on purpose: the dashboard must not hear of it.
                    if (!_halfOpen) Close(reset: true);
                    return;
                }

                if (read == 0)
                {
                    if (to is not null && !_halfOpen && !_stalled) Shutdown(to);
                    return;
                }

                if (_halfOpen || to is null) continue; // into the void
                if (_stalled) await Task.Delay(Timeout.Infinite, token);
                await ForwardAsync(to, buffer.AsMemory(0, read), token);
            }
        }

        private async Task ForwardAsync(Socket to, ReadOnlyMemory<byte> data, CancellationToken token)
        {
            if (proxy.Latency > TimeSpan.Zero) await Task.Delay(proxy.Latency, token);
            var rate = proxy.BytesPerSecond;
            var chunk = rate > 0 ? Math.Max(1, rate / 50) : data.Length;
            while (!data.IsEmpty)
            {
                var part = data[..Math.Min(chunk, data.Length)];
                if (_stalled) await Task.Delay(Timeout.Infinite, token);
                await to.SendAsync(part, SocketFlags.None, token);
                data = data[part.Length..];
                if (rate > 0) await Task.Delay(20, token);
            }
        }

        private static void Shutdown(Socket socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }

        private static void Kill(Socket socket, bool reset)
        {
            try
            {
                if (reset) socket.LingerState = new LingerOption(true, 0);
                else socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }
}
