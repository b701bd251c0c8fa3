using Grpc.Core;
using Microsoft.Extensions.Options;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Upstream;

public sealed class StatusSubscriber(
    UpstreamChannel channel, DashboardModel model, TimeProvider time, IOptions<UpstreamOptions> options, ILogger<StatusSubscriber> logger)
    : StreamSubscriber<Wire.StatusStreamMessage, TaskStatusUpdate>(
        UpstreamFeed.Status, channel, model, time, logger, () => options.Value.MaxStatusSnapshotItems, () => options.Value.MaxSnapshotBytes,
        () => options.Value.StaleAfter)
{
    protected override AsyncServerStreamingCall<Wire.StatusStreamMessage> Open(
        Wire.Scheduler.SchedulerClient client, Wire.SubscribeRequest request, CancellationToken cancellationToken) =>
        client.SubscribeStatusUpdates(request, cancellationToken: cancellationToken);

    protected override StreamItem<TaskStatusUpdate> Map(Wire.StatusStreamMessage message) => message.ToDomain();

    protected override int BatchCount(Wire.StatusStreamMessage message) =>
        message.KindCase == Wire.StatusStreamMessage.KindOneofCase.Events ? message.Events.Events.Count : 0;

    protected override LiveEvent<TaskStatusUpdate> MapBatched(Wire.StatusStreamMessage message, int index) => message.Events.Events[index].ToDomain();

    protected override void Replace(IReadOnlyList<TaskStatusUpdate> snapshot) => Model.ReplaceStatus(snapshot);

    protected override void Resync(IReadOnlyList<TaskStatusUpdate> snapshot) => Model.ResyncStatus(snapshot);

    protected override IReadOnlyList<FoldFailure> Apply(IReadOnlyList<TaskStatusUpdate> batch) => Model.ApplyStatus(batch);
}

public sealed class UpdaterSubscriber(
    UpstreamChannel channel, DashboardModel model, TimeProvider time, IOptions<UpstreamOptions> options, ILogger<UpdaterSubscriber> logger)
    : StreamSubscriber<Wire.UpdaterStreamMessage, UpdaterEvent>(
        UpstreamFeed.Updater, channel, model, time, logger, () => options.Value.MaxUpdaterSnapshotItems, () => options.Value.MaxSnapshotBytes,
        () => options.Value.StaleAfter)
{
    protected override AsyncServerStreamingCall<Wire.UpdaterStreamMessage> Open(
        Wire.Scheduler.SchedulerClient client, Wire.SubscribeRequest request, CancellationToken cancellationToken) =>
        client.SubscribeUpdaterEvents(request, cancellationToken: cancellationToken);

    protected override StreamItem<UpdaterEvent> Map(Wire.UpdaterStreamMessage message) => message.ToDomain();

    protected override int BatchCount(Wire.UpdaterStreamMessage message) =>
        message.KindCase == Wire.UpdaterStreamMessage.KindOneofCase.Events ? message.Events.Events.Count : 0;

    protected override LiveEvent<UpdaterEvent> MapBatched(Wire.UpdaterStreamMessage message, int index) => message.Events.Events[index].ToDomain();

    protected override void Replace(IReadOnlyList<UpdaterEvent> snapshot) => Model.ReplaceUpdater(snapshot);

    protected override void Resync(IReadOnlyList<UpdaterEvent> snapshot) => Model.ResyncUpdater(snapshot);

    protected override IReadOnlyList<FoldFailure> Apply(IReadOnlyList<UpdaterEvent> batch) => Model.ApplyUpdater(batch);
}
