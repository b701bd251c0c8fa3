using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class InstanceGridTests : ClientTest
{
    private const int Handle = 7;

    private static List<InstanceView> Instances(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Views.Instance(i) with { Hazards = [], UpdateAction = null })];

    /// <summary>The grid's script, as bUnit's fake: records every call and answers create with a handle.</summary>
    private BunitJSModuleInterop Script()
    {
        var module = JSInterop.SetupModule(InstanceGrid.ModulePath);
        module.Setup<int>("create", _ => true).SetResult(Handle);
        module.SetupVoid("setTiles", _ => true).SetVoidResult();
        module.SetupVoid("patch", _ => true).SetVoidResult();
        module.SetupVoid("setSelected", _ => true).SetVoidResult();
        module.SetupVoid("dispose", _ => true).SetVoidResult();
        return module;
    }

    [Fact]
    public void Render_ThenOneInstanceChanges_SetsAllTilesOnceThenPatchesOnlyThatTile()
    {
        var script = Script();
        var instances = Instances(5);
        instances[3] = instances[3] with { Hazards = ["X"] };

        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances).Add(c => c.ColorBy, ColorBy.UpdateAction));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);

        var set = script.VerifyInvoke("setTiles");
        Assert.Equal(Handle, set.Arguments[0]);
        Assert.Equal([0, 1, 2, 3, 4], Int32s(set.Arguments[1]));
        Assert.Equal(new byte[5], Assert.IsType<byte[]>(set.Arguments[2]));
        Assert.Equal([0, 0, 0, (byte)TileMarks.Hazard, 0], Assert.IsType<byte[]>(set.Arguments[3]));

        instances[2] = instances[2] with { UpdateAction = InstanceAction.InstanceUpdating };
        cut.Render(p => p.Add(c => c.Instances, instances));

        cut.WaitForAssertion(() => script.VerifyInvoke("patch"), Wait);
        var patch = script.VerifyInvoke("patch");
        Assert.Equal(Handle, patch.Arguments[0]);
        Assert.Equal([2], Int32s(patch.Arguments[1]));
        Assert.Equal([(byte)TileTone.Info], Assert.IsType<byte[]>(patch.Arguments[2]));
        Assert.Equal([(byte)TileMarks.None], Assert.IsType<byte[]>(patch.Arguments[3]));
        script.VerifyInvoke("setTiles", calledTimes: 1);
    }

    [Fact]
    public void Render_CreatesTheCanvasWithTheLayoutAndPalette()
    {
        var script = Script();

        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, Instances(2)));

        cut.WaitForAssertion(() => script.VerifyInvoke("create"), Wait);
        var create = script.VerifyInvoke("create");
        Assert.Equal("Instance grid", cut.Find("canvas").GetAttribute("aria-label"));
        Assert.NotNull(create.Arguments[1]);
        var options = create.Arguments[2]!;
        Assert.Equal(GridLayout.Pitch, options.GetType().GetProperty("pitch")!.GetValue(options));
        Assert.Equal(TilePalette.Css, options.GetType().GetProperty("palette")!.GetValue(options));
    }

    [Fact]
    public void Render_SameInstancesAgain_SendsNothingAndKeepsTheMarkup()
    {
        var script = Script();
        var instances = Instances(3);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Instances, instances));
        cut.Render(p => p.Add(c => c.Instances, instances.ToList()));

        Assert.Equal(renders, cut.RenderCount);
        script.VerifyNotInvoke("patch");
        script.VerifyInvoke("setTiles", calledTimes: 1);
    }

    [Fact]
    public void Render_ColorByChanged_SetsAllTilesAgain()
    {
        var script = Script();
        var instances = Instances(2);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances).Add(c => c.ColorBy, ColorBy.UpdateAction));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);

        cut.Render(p => p.Add(c => c.ColorBy, ColorBy.ExecutorVersion));

        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles", calledTimes: 2), Wait);
        var again = script.Invocations["setTiles"][1];
        Assert.Equal([(byte)TileTone.Success, (byte)TileTone.Success], Assert.IsType<byte[]>(again.Arguments[2]));
    }

    [Fact]
    public void Render_SelectedChanges_TellsTheCanvasOnce()
    {
        var script = Script();
        var instances = Instances(4);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);
        script.VerifyNotInvoke("setSelected");

        cut.Render(p => p.Add(c => c.Selected, 3));
        cut.Render(p => p.Add(c => c.Selected, 3));

        cut.WaitForAssertion(() => script.VerifyInvoke("setSelected"), Wait);
        Assert.Equal(3, script.VerifyInvoke("setSelected").Arguments[1]);
    }

    [Fact]
    public void Render_InstanceCountChanges_UpdatesTheSummary()
    {
        Script();
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, Instances(3)));
        Assert.StartsWith("3 instances.", cut.Find("[data-testid=instance-grid-summary]").TextContent, StringComparison.Ordinal);

        var more = Instances(10_000);
        more[9] = more[9] with { Hazards = ["X"] };
        cut.Render(p => p.Add(c => c.Instances, more));

        cut.WaitForAssertion(() => Assert.StartsWith("10000 instances, 1 with hazards.",
            cut.Find("[data-testid=instance-grid-summary]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void TooltipFor_KnownInstance_DescribesIt()
    {
        Script();
        var instances = Instances(3);
        instances[1] = Views.Instance(1);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances));

        Assert.Equal("#1 RUNNING on host-1\nexecutor vCurrent, health-gated, healthy\nupdated\n⚠ UPDATER_DISAGREES_WITH_EVIDENCE", cut.Instance.TooltipFor(1));
        Assert.Equal(string.Empty, cut.Instance.TooltipFor(42));
    }

    [Fact]
    public void TooltipFor_AfterAChange_DescribesTheLatestState()
    {
        Script();
        var instances = Instances(2);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances));

        instances[0] = instances[0] with { TaskStatus = null, Host = "", HealthState = HealthState.Checking, UpdateAction = InstanceAction.InstanceUpdating };
        cut.Render(p => p.Add(c => c.Instances, instances));

        Assert.Equal("#0 no task on ?\nexecutor vCurrent, health-gated, checking: 2/2 passes, 1 attempts left\nupdating", cut.Instance.TooltipFor(0));
    }

    [Fact]
    public async Task Select_FromTheCanvas_InvokesOnSelect()
    {
        Script();
        var selected = new TaskCompletionSource<int>();
        var cut = Render<InstanceGrid>(p => p
            .Add(c => c.Instances, Instances(3))
            .Add(c => c.OnSelect, id => selected.TrySetResult(id)));

        await cut.InvokeAsync(() => cut.Instance.Select(2));

        Assert.Equal(2, await selected.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task Dispose_AfterTheScriptStarted_DisposesTheCanvas()
    {
        var script = Script();
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, Instances(1)));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);

        await DisposeComponentsAsync().WaitAsync(Wait);

        Assert.Equal(Handle, script.VerifyInvoke("dispose").Arguments[0]);
    }

    [Fact]
    public async Task Render_WithoutAScript_DoesNotThrow()
    {
        // Loose JS interop: the import and every call answer with defaults.
        var instances = Instances(3);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances).Add(c => c.Selected, 1));
        instances[0] = instances[0] with { UpdateAction = InstanceAction.InstanceUpdated };
        cut.Render(p => p.Add(c => c.Instances, instances).Add(c => c.Selected, 2));

        Assert.Contains("3 instances", cut.Markup, StringComparison.Ordinal);
        await DisposeComponentsAsync().WaitAsync(Wait);
    }

    [Fact]
    public async Task Render_ScriptDisconnected_DoesNotThrow()
    {
        JSInterop.SetupModule(InstanceGrid.ModulePath).Setup<int>("create", _ => true)
            .SetException(new Microsoft.JSInterop.JSDisconnectedException("gone"));

        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, Instances(3)));
        cut.Render(p => p.Add(c => c.Instances, Instances(4)));

        Assert.Contains("4 instances", cut.Markup, StringComparison.Ordinal);
        await DisposeComponentsAsync().WaitAsync(Wait);
    }

    [Fact]
    public void Render_PatchFailedInTheScript_ResendsEverythingNextTime()
    {
        var script = JSInterop.SetupModule(InstanceGrid.ModulePath);
        script.Setup<int>("create", _ => true).SetResult(Handle);
        script.SetupVoid("setTiles", _ => true).SetVoidResult();
        script.SetupVoid("setSelected", _ => true).SetVoidResult();
        script.SetupVoid("patch", _ => true).SetException(new Microsoft.JSInterop.JSException("canvas lost"));
        var instances = Instances(3);
        var cut = Render<InstanceGrid>(p => p.Add(c => c.Instances, instances));
        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles"), Wait);

        instances[0] = instances[0] with { UpdateAction = InstanceAction.InstanceUpdating };
        cut.Render(p => p.Add(c => c.Instances, instances));
        cut.WaitForAssertion(() => script.VerifyInvoke("patch"), Wait);
        cut.Render(p => p.Add(c => c.Instances, instances));

        cut.WaitForAssertion(() => script.VerifyInvoke("setTiles", calledTimes: 2), Wait);
        Assert.Equal([(byte)TileTone.Info, 0, 0], Assert.IsType<byte[]>(script.Invocations["setTiles"][1].Arguments[2]));
    }

    /// <summary>Ids and positions cross to the script as the bytes of little-endian integers.</summary>
    private static int[] Int32s(object? argument)
    {
        var bytes = Assert.IsType<byte[]>(argument);
        return [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, i * 4))];
    }
}
