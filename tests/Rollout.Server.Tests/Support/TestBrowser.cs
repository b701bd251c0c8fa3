using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// The browser's own connection code (<see cref="DashboardConnection"/>) over real SignalR, on a
/// page thread of its own as in a browser. The test calls it and reads what it shows on that thread.
/// </summary>
internal sealed class TestBrowser : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly PageThread _page = new();
    private readonly ConcurrentQueue<DeltaBatch> _batches = new();
    private readonly ILoggerFactory _logging;
    private HubConnection? _hub;
    private int _tokenRequests;
    private bool _disposed;

    /// <param name="server">The dashboard's base address.</param>
    /// <param name="token">Signs in with this bearer token (none: anonymous).</param>
    /// <param name="json">Speak JSON, as scripts do, rather than the browser's MessagePack.</param>
    /// <param name="protocol">Wraps the wire protocol (a test hook on what arrives).</param>
    /// <param name="time">The clock its retries wait on.</param>
    /// <param name="beforeBuild">Runs before each build of the hub; may throw (a start that fails).</param>
    public TestBrowser(
        Uri server,
        string? token = DashboardApp.Token,
        bool json = false,
        Func<IHubProtocol, IHubProtocol>? protocol = null,
        TimeProvider? time = null,
        Action? beforeBuild = null)
    {
        _logging = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Store = new DashboardStore();
        var options = new DashboardHubOptions
        {
            Url = new Uri(server, DashboardHubRoute.Path),
            AccessToken = () =>
            {
                Interlocked.Increment(ref _tokenRequests);
                return Task.FromResult(token);
            },
            Build = builder =>
            {
                beforeBuild?.Invoke();
                if (json || protocol is not null)
                {
                    // The browser's MessagePack (with its defaults), or JSON as scripts speak it; wrapped if the test asks.
                    IHubProtocol wire = json ? new JsonHubProtocol(Options.Create(JsonOptions())) : new MessagePackHubProtocol();
                    builder.Services.RemoveAll<IHubProtocol>();
                    builder.Services.AddSingleton(protocol is null ? wire : protocol(wire));
                }

                var hub = builder.Build();
                hub.On<DeltaBatch>(nameof(IDashboardClient.ReceiveDeltas), _batches.Enqueue); // runs before the browser's own handler
                _hub = hub;
                return hub;
            },
            Dispatch = work => _page.InvokeAsync(work),
        };
        Clock = new DashboardClock(TimeProvider.System);
        Connection = new DashboardConnection(options, Store, Clock, time ?? TimeProvider.System,
            _logging.CreateLogger<DashboardConnection>());
    }

    private static JsonHubProtocolOptions JsonOptions()
    {
        var options = new JsonHubProtocolOptions();
        options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>Opens the dashboard and watches <paramref name="view"/>: connected, signed in and its snapshot in.</summary>
    public static async Task<TestBrowser> OpenAsync(Uri server, string view = DashboardViews.List, bool json = false, string? token = DashboardApp.Token)
    {
        var browser = new TestBrowser(server, token, json);
        try
        {
            await browser.StartAsync();
            await browser.WatchAsync(view);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public DashboardConnection Connection { get; }

    /// <summary>The page's one clock (server and scheduler time as this browser estimates them); read it on the page.</summary>
    public DashboardClock Clock { get; }

    /// <summary>What the page shows; read it on the page (<see cref="ReadAsync{T}"/>).</summary>
    public DashboardStore Store { get; }

    /// <summary>The browser's hub connection, for calls the page's code does not make.</summary>
    public HubConnection Hub => _hub ?? throw new InvalidOperationException("not started");

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>How often the hub asked for the access token: once per connection attempt.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Every batch that reached the browser, in order.</summary>
    public IReadOnlyList<DeltaBatch> Batches => _batches.ToList();

    public ConnectionCounts Counts => Connection.Counts;

    /// <summary>How often the server said this browser fell behind (and it resnapshotted).</summary>
    public int Resyncs => Counts.FellBehind;

    public int Snapshots => Counts.Snapshots;

    public Task StartAsync() => _page.InvokeAsync(Connection.StartAsync).WaitAsync(Timeout);

    public Task WatchAsync(string view) =>
        _page.InvokeAsync(() => view == DashboardViews.List ? Connection.WatchListAsync() : Connection.WatchUpdateAsync(view)).WaitAsync(Timeout);

    public Task<ControlResult> SendAsync(ControlCommand command, CommandRequest request) =>
        _page.InvokeAsync(() => Connection.SendAsync(command, request)).WaitAsync(Timeout);

    /// <summary>Runs <paramref name="work"/> on the page: the only place the browser's state may be touched.</summary>
    public Task<T> OnPageAsync<T>(Func<T> work) => _page.InvokeAsync(work).WaitAsync(Timeout);

    /// <summary>Runs <paramref name="work"/> on the page and waits for it.</summary>
    public Task RunOnPageAsync(Func<Task> work) => _page.InvokeAsync(work).WaitAsync(Timeout);

    /// <summary>Starts <paramref name="work"/> on the page and hands back its task, still running.</summary>
    public Task<Task> BeginOnPageAsync(Func<Task> work) => _page.InvokeAsync<Task>(() => work()).WaitAsync(Timeout);

    public Task<T> ReadAsync<T>(Func<DashboardStore, T> read) => OnPageAsync(() => read(Store));

    /// <summary>Waits, without polling, until what the page shows satisfies <paramref name="condition"/>; fails with <paramref name="what"/> on timeout.</summary>
    public async Task WaitUntil(Func<DashboardStore, bool> condition, string what, TimeSpan? timeout = null)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            try
            {
                if (Store.Loaded && !Store.Filling && condition(Store)) met.TrySetResult();
            }
            catch (Exception ex)
            {
                met.TrySetException(ex);
            }
        }

        await _page.InvokeAsync(() =>
        {
            Store.Changed += Check;
            Connection.StateChanged += Check;
            Check();
        });
        try
        {
            await met.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out waiting for: {what} (counts {Counts}, state {Connection.State})");
        }
        finally
        {
            await _page.InvokeAsync(() =>
            {
                Store.Changed -= Check;
                Connection.StateChanged -= Check;
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _page.InvokeAsync(async () => await Connection.DisposeAsync()).WaitAsync(Timeout);
        _page.Dispose();
        _logging.Dispose();
        Assert.Empty(_page.Unhandled);
    }
}
