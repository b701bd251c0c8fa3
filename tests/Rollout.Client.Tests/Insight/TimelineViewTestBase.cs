using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;

namespace Rollout.Client.Tests.Insight;

/// <summary>Renders the timeline over <see cref="TimelineData"/> with a fake script and a recording detail loader.</summary>
public abstract class TimelineViewTestBase : ClientTest
{
    protected const int Handle = 3;
    protected const double Width = 600;

    protected TimelineOverview Shown { get; } = TimelineData.Overview();

    protected List<int> Loaded { get; } = [];

    /// <summary>The timeline's script, as bUnit's fake: records every call and answers create with a handle.</summary>
    protected BunitJSModuleInterop Script()
    {
        var module = JSInterop.SetupModule(TimelineView.ModulePath);
        module.Setup<int>("create", _ => true).SetResult(Handle);
        module.SetupVoid("draw", _ => true).SetVoidResult();
        module.SetupVoid("dispose", _ => true).SetVoidResult();
        return module;
    }

    protected IRenderedComponent<TimelineView> RenderTimeline(TimelineOverview? overview = null, Action<int>? selected = null)
    {
        var shown = overview ?? Shown;
        return Render<TimelineView>(p => p
            .Add(c => c.Overview, shown)
            .Add(c => c.LoadDetail, index =>
            {
                Loaded.Add(index);
                return Task.FromResult<TimelineDetail?>(index == 0 ? TimelineData.Detail(shown) : TimelineData.Detail(shown) with { Batch = shown.Batches[index] });
            })
            .Add(c => c.InstanceSelected, id => selected?.Invoke(id)));
    }

    private protected static TimelineFrame LastFrame(BunitJSModuleInterop script)
    {
        var draw = script.Invocations["draw"][^1];
        Assert.Equal(Handle, draw.Arguments[0]);
        return Assert.IsType<TimelineFrame>(draw.Arguments[1]);
    }
}
