using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Tests.Comfort;

/// <summary>j and k move a cursor through the rows as shown (filtered, sorted); Enter opens it; / goes to the filter.</summary>
public class InstanceTableKeyboardTests : ClientTest
{
    private readonly List<int> _selected = [];

    private KeyboardShortcuts Shortcuts => Services.GetRequiredService<KeyboardShortcuts>();

    private static InstanceView[] Rows(int count) => [.. Enumerable.Range(0, count).Select(i => Views.Instance(i) with { Host = $"host-{i}" })];

    private IRenderedComponent<InstanceTable> RenderTable(int? selected = null, InstanceSort sort = default) =>
        Render<InstanceTable>(p => p.Add(c => c.Instances, Rows(5)).Add(c => c.Selected, selected).Add(c => c.Sorting, sort)
            .Add(c => c.OnSelect, id => _selected.Add(id)));

    private Task Press(IRenderedComponent<InstanceTable> cut, string key) => cut.InvokeAsync(() => Shortcuts.OnKey(key, "page", false, false, false));

    private static string? Cursor(IRenderedComponent<InstanceTable> cut) => cut.FindAll("tr[aria-current=true]").SingleOrDefault()?.GetAttribute("data-instance");

    [Fact]
    public async Task JAndK_MoveTheCursor_EnterOpensItsRow()
    {
        var cut = RenderTable();

        await Press(cut, "j");
        cut.WaitForAssertion(() => Assert.Equal("0", Cursor(cut)), Wait);
        await Press(cut, "j");
        await Press(cut, "j");
        await Press(cut, "k");
        cut.WaitForAssertion(() => Assert.Equal("1", Cursor(cut)), Wait);
        Assert.Empty(_selected);

        await Press(cut, "Enter");

        cut.WaitForAssertion(() => Assert.Equal([1], _selected), Wait);
    }

    [Fact]
    public async Task J_AtTheLastRow_StaysThere()
    {
        var cut = RenderTable();

        for (var i = 0; i < 8; i++) await Press(cut, "j");

        cut.WaitForAssertion(() => Assert.Equal("4", Cursor(cut)), Wait);
    }

    [Fact]
    public async Task J_FollowsTheRowsAsSorted()
    {
        var cut = RenderTable(sort: new InstanceSort(InstanceColumn.Host, Descending: true));

        await Press(cut, "j");
        await Press(cut, "j");

        cut.WaitForAssertion(() => Assert.Equal("3", Cursor(cut)), Wait);
    }

    [Fact]
    public async Task J_PanelOpen_ThePanelFollows()
    {
        var cut = RenderTable(selected: 2);
        Assert.Equal("2", Cursor(cut)); // the cursor starts where the selection is

        await Press(cut, "j");

        cut.WaitForAssertion(() => Assert.Equal([3], _selected), Wait);
        Assert.Equal("3", Cursor(cut));
    }

    [Fact]
    public async Task J_ScrollsTheCursorRowIntoView()
    {
        var module = JSInterop.SetupModule(KeyboardShortcuts.ModulePath);
        module.SetupVoid("start", _ => true).SetVoidResult();
        module.SetupVoid("reveal", _ => true).SetVoidResult();
        await Shortcuts.StartAsync();
        var cut = RenderTable();

        await Press(cut, "j");
        await Press(cut, "j");

        cut.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "reveal")), Wait);
        var last = module.Invocations.Last(i => i.Identifier == "reveal");
        Assert.Equal((double)InstanceTable.RowHeight, last.Arguments[1]);
        Assert.Equal((double)InstanceTable.RowHeight, last.Arguments[2]);
    }

    [Fact]
    public async Task Slash_FocusesTheFilter()
    {
        var cut = RenderTable();
        const string Focus = "Blazor._internal.domWrapper.focus"; // ElementReference.FocusAsync
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == Focus);

        await Press(cut, "/");

        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == Focus), Wait);
    }

    [Fact]
    public async Task Click_Row_MovesTheCursorThereToo()
    {
        var cut = RenderTable();

        await cut.InvokeAsync(() => cut.Find("tr[data-instance='3']").Click());
        await Press(cut, "k");

        cut.WaitForAssertion(() => Assert.Equal("2", Cursor(cut)), Wait);
        Assert.Equal([3], _selected);
    }

    [Fact]
    public void Render_HostCell_KeepsTheFullNameForTheHover()
    {
        var cut = Render<InstanceTable>(p => p.Add(c => c.Instances, [Views.Instance(0) with { Host = "a-very-long-host-name-in-a-far-away-rack.example.com" }]));

        var host = cut.WaitForElement("td.host-cell .cell-text", Wait);
        Assert.Equal("a-very-long-host-name-in-a-far-away-rack.example.com", host.GetAttribute("title"));
    }
}
