using Microsoft.AspNetCore.SignalR.Client;

namespace Rollout.Client.Services;

/// <summary>
/// How a <see cref="DashboardConnection"/> outside the browser (a test, a tool) reaches the hub. The
/// browser's own uses its page's address and its session cookie, and every default here.
/// </summary>
public sealed class DashboardHubOptions
{
    /// <summary>The hub's absolute address.</summary>
    public required Uri Url { get; init; }

    /// <summary>A bearer token for each request; the browser signs in with its session cookie instead.</summary>
    public Func<Task<string?>>? AccessToken { get; init; }

    /// <summary>
    /// Builds the hub from the browser's settings (the address, MessagePack, reconnecting forever).
    /// A host may add to them first (another protocol) and keep the connection it builds.
    /// </summary>
    public Func<IHubConnectionBuilder, HubConnection> Build { get; init; } = builder => builder.Build();

    /// <summary>
    /// Runs each of the hub's callbacks (deltas, resync orders, reconnects) and returns when it is
    /// done. A browser has one thread, so the default runs it at once. A host with a thread pool
    /// passes one that runs them on one thread, one at a time, and makes its own calls there too.
    /// </summary>
    public Func<Func<Task>, Task> Dispatch { get; init; } = work => work();
}
