using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class TilePaletteTests
{
    // The expected strings are the CSS colours the grid used before it became a canvas; neutral and
    // ended tiles now use the dashboard's own variables, which stay visible on a dark surface.
    private static string Css(InstanceView instance, ColorBy by) => TilePalette.Css[(int)TilePalette.Tone(instance, by)];

    [Theory]
    [InlineData(ExecutorVersion.VCurrent, "var(--mud-palette-success)")]
    [InlineData(ExecutorVersion.VPrev, "var(--mud-palette-warning)")]
    [InlineData(ExecutorVersion.Unknown, "var(--rollout-tile-neutral)")]
    public void Tone_ByExecutorVersion_KeepsTheThemeColour(ExecutorVersion version, string css) =>
        Assert.Equal(css, Css(Views.Instance() with { ExecutorVersion = version }, ColorBy.ExecutorVersion));

    [Theory]
    [InlineData(GatingMode.HealthGated, "var(--mud-palette-success)")]
    [InlineData(GatingMode.WatchSecs, "var(--mud-palette-info)")]
    [InlineData(GatingMode.Undetermined, "var(--rollout-tile-neutral)")]
    public void Tone_ByGatingMode_KeepsTheThemeColour(GatingMode mode, string css) =>
        Assert.Equal(css, Css(Views.Instance() with { GatingMode = mode }, ColorBy.GatingMode));

    [Theory]
    [InlineData(HealthState.Healthy, "var(--mud-palette-success)")]
    [InlineData(HealthState.Checking, "var(--mud-palette-info)")]
    [InlineData(HealthState.Unverified, "var(--mud-palette-warning)")]
    [InlineData(HealthState.NoHealthCheck, "var(--mud-palette-warning)")]
    [InlineData(HealthState.Failed, "var(--mud-palette-error)")]
    [InlineData(HealthState.Ended, "var(--rollout-tile-ended)")]
    [InlineData(HealthState.NotStarted, "var(--rollout-tile-neutral)")]
    public void Tone_ByHealthState_KeepsTheThemeColour(HealthState state, string css) =>
        Assert.Equal(css, Css(Views.Instance() with { HealthState = state }, ColorBy.HealthState));

    [Theory]
    [InlineData(InstanceAction.InstanceUpdated, "var(--mud-palette-success)")]
    [InlineData(InstanceAction.InstanceUpdating, "var(--mud-palette-info)")]
    [InlineData(InstanceAction.InstanceRollingBack, "var(--mud-palette-warning)")]
    [InlineData(InstanceAction.InstanceRolledBack, "var(--mud-palette-secondary)")]
    [InlineData(InstanceAction.InstanceUpdateFailed, "var(--mud-palette-error)")]
    [InlineData(InstanceAction.InstanceRollbackFailed, "var(--mud-palette-error)")]
    [InlineData(null, "var(--rollout-tile-neutral)")]
    public void Tone_ByUpdateAction_KeepsTheThemeColour(InstanceAction? action, string css) =>
        Assert.Equal(css, Css(Views.Instance() with { UpdateAction = action }, ColorBy.UpdateAction));

    [Fact]
    public void Css_EveryTone_HasAColour() =>
        Assert.Equal(Enum.GetValues<TileTone>().Length, TilePalette.Css.Count);

    [Fact]
    public void Marks_Hazards_SetTheHazardBit()
    {
        Assert.Equal(TileMarks.Hazard, TilePalette.Marks(Views.Instance()));
        Assert.Equal(TileMarks.None, TilePalette.Marks(Views.Instance() with { Hazards = [] }));
    }
}
