using System.Globalization;

namespace Rollout.Client.Components;

/// <summary>
/// What the update page shows, as it lives in the URL so any view can be linked and Back steps
/// through it: the open instance, the table's filter and sort, the grid's colouring and whether
/// the grid and the insight section are shown. Defaults are left out of the URL; unknown values fall back to them.
/// </summary>
public sealed record UpdatePageQuery(
    int? Instance = null,
    string Filter = "",
    InstanceColumn Sort = InstanceColumn.Id,
    bool Descending = false,
    ColorBy ColorBy = ColorBy.UpdateAction,
    bool GridHidden = false,
    bool InsightHidden = false)
{
    public const string InstanceName = "instance";
    public const string FilterName = "q";
    public const string SortName = "sort";
    public const string DescendingName = "desc";
    public const string ColorName = "color";
    public const string GridName = "grid";
    public const string InsightName = "insight";

    private static readonly (InstanceColumn Column, string Name)[] Columns =
    [
        (InstanceColumn.Id, "id"), (InstanceColumn.Host, "host"), (InstanceColumn.TaskStatus, "status"), (InstanceColumn.Executor, "executor"),
        (InstanceColumn.Health, "health"), (InstanceColumn.Gating, "gating"), (InstanceColumn.Hazards, "hazards"), (InstanceColumn.Action, "action"),
    ];

    private static readonly (ColorBy ColorBy, string Name)[] Colors =
    [
        (ColorBy.UpdateAction, "action"), (ColorBy.ExecutorVersion, "executor"), (ColorBy.GatingMode, "gating"), (ColorBy.HealthState, "health"),
    ];

    public static UpdatePageQuery Default { get; } = new();

    /// <summary>From the query's raw values (any may be missing or nonsense).</summary>
    public static UpdatePageQuery Parse(string? instance, string? filter, string? sort, string? descending, string? color, string? grid,
        string? insight = null) => new(
        int.TryParse(instance, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        filter?.Trim() ?? string.Empty,
        Columns.FirstOrDefault(c => string.Equals(c.Name, sort, StringComparison.OrdinalIgnoreCase)).Column,
        descending is "1" || string.Equals(descending, "true", StringComparison.OrdinalIgnoreCase),
        Colors.FirstOrDefault(c => string.Equals(c.Name, color, StringComparison.OrdinalIgnoreCase)).ColorBy,
        string.Equals(grid, "hidden", StringComparison.OrdinalIgnoreCase),
        string.Equals(insight, "hidden", StringComparison.OrdinalIgnoreCase));

    /// <summary>The query parameters for NavigationManager.GetUriWithQueryParameters: null removes a parameter (a default).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        [InstanceName] = Instance,
        [FilterName] = Filter.Length == 0 ? null : Filter,
        [SortName] = Sort == InstanceColumn.Id ? null : NameOf(Sort),
        [DescendingName] = Descending ? "1" : null,
        [ColorName] = ColorBy == ColorBy.UpdateAction ? null : NameOf(ColorBy),
        [GridName] = GridHidden ? "hidden" : null,
        [InsightName] = InsightHidden ? "hidden" : null,
    };

    public static string NameOf(InstanceColumn column) => Columns.First(c => c.Column == column).Name;

    public static string NameOf(ColorBy colorBy) => Colors.First(c => c.ColorBy == colorBy).Name;
}
