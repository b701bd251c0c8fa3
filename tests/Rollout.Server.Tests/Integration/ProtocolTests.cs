using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

/// <summary>Browsers speak MessagePack, scripts JSON: both carry the same views.</summary>
public class ProtocolTests
{
    private const string Api = "payments/prod/api#api-1";

    [Fact]
    public async Task MessagePackAndJson_CarryTheSameUpdate()
    {
        using var app = new DashboardApp(); // the default speed: the update is still rolling once both browsers are in
        await using var packed = await app.ConnectAsync(Api); // the browser's own: MessagePack
        await using var json = await app.ConnectAsync(Api, json: true);

        await packed.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward, "finished over MessagePack", TimeSpan.FromSeconds(90));
        await json.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward, "finished over JSON", TimeSpan.FromSeconds(90));
        await Task.Delay(300); // the last batches

        var (viaJson, viaPack) = (await json.ReadAsync(s => s.Update(Api)!), await packed.ReadAsync(s => s.Update(Api)!));
        Assert.Equal(viaJson, viaPack with { Settings = viaPack.Settings with { GroupSizes = viaJson.Settings.GroupSizes } });
        Assert.Equal(viaJson.Settings.GroupSizes, viaPack.Settings.GroupSizes);
        Assert.Equal(await json.ReadAsync(s => s.Instances.ToList()), await packed.ReadAsync(s => s.Instances.ToList()));
        Assert.Equal(await json.ReadAsync(s => s.History.ToList()), await packed.ReadAsync(s => s.History.ToList()));
        Assert.Contains(packed.Batches, b => b.DecodeRows().Any(i => i.Capabilities.Count > 0 && i.Progress is not null));

        var detail = await packed.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), Api, 0).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(detail);
        Assert.Equal(3, detail.Verdicts.Count);
        Assert.Equal(await packed.ReadAsync(s => s.Instances[0]), detail.Instance);
    }
}
