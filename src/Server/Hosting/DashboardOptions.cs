using Microsoft.Extensions.Options;
using Rollout.Domain.Model;

namespace Rollout.Server.Hosting;

/// <summary>Where the scheduler is (section "Upstream").</summary>
public sealed class UpstreamOptions
{
    public const string Section = "Upstream";

    /// <summary>The scheduler's gRPC address; empty hosts the emulator in-process.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>
    /// The key sent to the scheduler on every call ("authorization: Bearer &lt;key&gt;"). Ignored for the
    /// embedded emulator, which gets a fresh random key per process.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Allow plain http:// to a remote (non-loopback) scheduler: the key and commands then travel unencrypted.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>Port of the embedded emulator's loopback h2c endpoint; 0 picks a free one.</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Items one status snapshot may hold; a larger one is refused and the stream resubscribes. May only be lowered.</summary>
    public int MaxStatusSnapshotItems { get; set; } = UpstreamLimits.MaxStatusSnapshotItems;

    /// <summary>Items one updater snapshot may hold; a larger one is refused and the stream resubscribes. May only be lowered.</summary>
    public int MaxUpdaterSnapshotItems { get; set; } = UpstreamLimits.MaxUpdaterSnapshotItems;

    /// <summary>Wire bytes of the items of one snapshot, either stream. May only be lowered.</summary>
    public long MaxSnapshotBytes { get; set; } = UpstreamLimits.MaxSnapshotBytes;

    /// <summary>HTTP/2 keepalive: the channel pings the scheduler after this long without a frame from it.</summary>
    public int KeepAlivePingDelaySeconds { get; set; } = 10;

    /// <summary>A ping unanswered this long breaks the connection: a half-open link is found within delay + timeout.</summary>
    public int KeepAlivePingTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// A stream silent this long is resubscribed from its position to check the scheduler still answers;
    /// a call whose response headers do not come within this long is given up, and the data shown as stale.
    /// </summary>
    public int StaleAfterSeconds { get; set; } = 60;

    public bool Embedded => string.IsNullOrWhiteSpace(Address);

    public TimeSpan KeepAlivePingDelay => TimeSpan.FromSeconds(KeepAlivePingDelaySeconds);

    public TimeSpan KeepAlivePingTimeout => TimeSpan.FromSeconds(KeepAlivePingTimeoutSeconds);

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);
}

/// <summary>How the dashboard pushes to browsers (section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>After a flush, further changes wait this long and go out together.</summary>
    public int FlushIntervalMs { get; set; } = 50;

    /// <summary>How often the connection state is aged (reconnecting turns lost). Countdowns run in browsers.</summary>
    public int TickMs { get; set; } = 1000;

    /// <summary>Delta batches queued per browser; a browser further behind is told to take a fresh snapshot instead.</summary>
    public int ViewerQueueBatches { get; set; } = 64;

    /// <summary>A browser that reads nothing for this long is disconnected (it reconnects and resnapshots).</summary>
    public int StuckViewerSeconds { get; set; } = 30;

    /// <summary>Reconnecting for this long is reported as "upstream lost".</summary>
    public int LostAfterSeconds { get; set; } = 15;
}

public sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new List<string>();
        Uri? uri = null;
        if (!options.Embedded && (!Uri.TryCreate(options.Address, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"{UpstreamOptions.Section}:Address must be an absolute http:// or https:// URL, or empty for the embedded emulator (was '{options.Address}')");
        else if (uri is { Scheme: "http", IsLoopback: false } && !options.AllowInsecure)
            errors.Add($"{UpstreamOptions.Section}:Address is plain http:// to a remote host ({uri.Host}); use https://, or set {UpstreamOptions.Section}:AllowInsecure=true to send the key and commands unencrypted");
        if (options.ApiKey.Length > 0 && (options.ApiKey.Length < Contracts.Auth.UpstreamKey.MinLength || options.ApiKey.Trim() != options.ApiKey))
            errors.Add($"{UpstreamOptions.Section}:ApiKey must be at least {Contracts.Auth.UpstreamKey.MinLength} characters with no surrounding spaces (or empty to send none)");
        if (options.EmbeddedPort is < 0 or > 65535)
            errors.Add($"{UpstreamOptions.Section}:EmbeddedPort must be within [0, 65535] (was {options.EmbeddedPort})");

        // The caps bound what a hostile upstream can make the dashboard hold: lowering is fine, raising is not.
        if (options.MaxStatusSnapshotItems is < 1 or > UpstreamLimits.MaxStatusSnapshotItems)
            errors.Add($"{UpstreamOptions.Section}:MaxStatusSnapshotItems must be within [1, {UpstreamLimits.MaxStatusSnapshotItems}] (was {options.MaxStatusSnapshotItems})");
        if (options.MaxUpdaterSnapshotItems is < 1 or > UpstreamLimits.MaxUpdaterSnapshotItems)
            errors.Add($"{UpstreamOptions.Section}:MaxUpdaterSnapshotItems must be within [1, {UpstreamLimits.MaxUpdaterSnapshotItems}] (was {options.MaxUpdaterSnapshotItems})");
        if (options.MaxSnapshotBytes is < 1 or > UpstreamLimits.MaxSnapshotBytes)
            errors.Add($"{UpstreamOptions.Section}:MaxSnapshotBytes must be within [1, {UpstreamLimits.MaxSnapshotBytes}] (was {options.MaxSnapshotBytes})");
        // A half-open link must be found in bounded time: keepalive cannot be turned off, only tuned.
        if (options.KeepAlivePingDelaySeconds is < 1 or > 3600)
            errors.Add($"{UpstreamOptions.Section}:KeepAlivePingDelaySeconds must be within [1, 3600] (was {options.KeepAlivePingDelaySeconds})");
        if (options.KeepAlivePingTimeoutSeconds is < 1 or > 600)
            errors.Add($"{UpstreamOptions.Section}:KeepAlivePingTimeoutSeconds must be within [1, 600] (was {options.KeepAlivePingTimeoutSeconds})");
        if (options.StaleAfterSeconds is < 1 or > 86_400)
            errors.Add($"{UpstreamOptions.Section}:StaleAfterSeconds must be within [1, 86400] (was {options.StaleAfterSeconds})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        const string S = DashboardOptions.Section;
        if (options.FlushIntervalMs is < 1 or > 5000) errors.Add($"{S}:FlushIntervalMs must be within [1, 5000] (was {options.FlushIntervalMs})");
        if (options.TickMs is < 100 or > 60_000) errors.Add($"{S}:TickMs must be within [100, 60000] (was {options.TickMs})");
        if (options.ViewerQueueBatches is < 2 or > 10_000) errors.Add($"{S}:ViewerQueueBatches must be within [2, 10000] (was {options.ViewerQueueBatches})");
        if (options.StuckViewerSeconds is < 1 or > 3600) errors.Add($"{S}:StuckViewerSeconds must be within [1, 3600] (was {options.StuckViewerSeconds})");
        if (options.LostAfterSeconds is < 1 or > 3600) errors.Add($"{S}:LostAfterSeconds must be within [1, 3600] (was {options.LostAfterSeconds})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
