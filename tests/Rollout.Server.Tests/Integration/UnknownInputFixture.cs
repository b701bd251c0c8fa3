using System.Net.Http.Json;
using System.Text.Json;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Support.ContractSchedulerMessages;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Integration;

/// <summary>
/// One independently written scheduler (<see cref="ContractScheduler"/>) speaking the contract with odd
/// values, over real gRPC on loopback, into one real dashboard. The updates are in the scheduler's
/// snapshot; the odd task and gating events arrive live once the dashboard is connected:
/// <list type="bullet">
/// <item>web-odd (S2): instance 0 advertises "capabilities:health_gated_running" (not the contract's name),
/// and the updater's decision for it has gating mode 9; instance 1 advertises HEALTH_GATED_RUNNING, then sends task state 17.</item>
/// <item>api-odd: detection strategy 7, with the S3 bit set and every sign S1 and S2 would take as health gating.</item>
/// </list>
/// </summary>
public sealed class UnknownInputFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string WebKey = "www-data/prod/web#web-odd";
    public const string ApiKey = "payments/prod/api#api-odd";
    public const string WebPath = "/api/updates/www-data/prod/web/web-odd";
    public const string ApiPath = "/api/updates/payments/prod/api/api-odd";

    private static readonly Wire.JobKey Web = Job("www-data", "prod", "web");
    private static readonly Wire.JobKey Api = Job("payments", "prod", "api");

    private readonly ContractScheduler _scheduler = new();
    private DashboardApp? _app;

    internal DashboardApp App => _app ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _scheduler.Publish(Started(Key(Web, "web-odd"), 2, Wire.DetectionStrategy.S2Capabilities));
        _scheduler.Publish(Started(Key(Api, "api-odd"), 1, (Wire.DetectionStrategy)7, executorDrivenUpdates: true));
        await _scheduler.StartAsync();
        _app = new DashboardApp(("Upstream:Address", _scheduler.Address.ToString()));
        await _app.WaitUntilLiveAsync();

        _scheduler.Publish(Status(Web, 0, "t-web-0", Wire.TaskState.Starting, 1));
        _scheduler.Publish(Status(Web, 0, "t-web-0", Wire.TaskState.Running, 20, "Task is healthy. capabilities:health_gated_running"));
        _scheduler.Publish(Decision(Key(Web, "web-odd"), 0, "t-web-0", (Wire.GatingMode)9, "the scheduler's own words", 20));
        _scheduler.Publish(Status(Web, 1, "t-web-1", Wire.TaskState.Starting, 1));
        _scheduler.Publish(Status(Web, 1, "t-web-1", Wire.TaskState.Running, 20, "Task is healthy. capabilities:HEALTH_GATED_RUNNING"));
        _scheduler.Publish(Status(Web, 1, "t-web-1", (Wire.TaskState)17, 25, "odd state"));
        _scheduler.Publish(Status(Api, 0, "t-api-0", Wire.TaskState.Starting, 1));
        _scheduler.Publish(Status(Api, 0, "t-api-0", Wire.TaskState.Running, 20, "Task is healthy. capabilities:HEALTH_GATED_RUNNING"));
    }

    /// <summary>Reads <paramref name="path"/> from the JSON API until <paramref name="ready"/> holds; fails with <paramref name="what"/> after 60 s.</summary>
    public async Task<JsonElement> ReadUntil(string path, Func<JsonElement, bool> ready, string what)
    {
        using var http = App.CreateHttp();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(TimeSpan.FromSeconds(30));
                if (ready(last)) return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what}: {path} still answers {(last.ValueKind == JsonValueKind.Undefined ? "nothing" : last.ToString())}");
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _scheduler.DisposeAsync();
    }
}
