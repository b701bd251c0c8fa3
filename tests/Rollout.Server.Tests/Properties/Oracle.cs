using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// What every view should show: the upstream's true log of the current epoch folded into a fresh
/// <see cref="DashboardModel"/>, exactly as the server folds a new epoch's snapshots.
/// </summary>
internal sealed class Oracle
{
    private readonly DashboardModel _model = new(TimeProvider.System);

    public Oracle(IReadOnlyList<TaskStatusUpdate> status, IReadOnlyList<UpdaterEvent> updater)
    {
        _model.ReplaceStatus(status);
        _model.ReplaceUpdater(updater);
        _model.Publish();
    }

    public ViewProjection View(string view) => view == DashboardViews.List
        ? ViewProjection.OfList(_model.ListSnapshot())
        : ViewProjection.OfUpdate(view, _model.UpdateSnapshot(view));

    /// <summary>What <paramref name="model"/> has published for <paramref name="view"/>, in the same terms.</summary>
    public static ViewProjection Served(DashboardModel model, string view) => view == DashboardViews.List
        ? ViewProjection.OfList(model.ListSnapshot())
        : ViewProjection.OfUpdate(view, model.UpdateSnapshot(view));
}
