using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.Options;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Emulator.Hosting;
using Rollout.Emulator.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

/// <summary>The contract over real gRPC on loopback.</summary>
public class ContractTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly Wire.UpdateKey WebUpdate = new UpdateKey(new JobKey("www-data", "prod", "web"), "web-1").ToProto();

    private static async Task<List<Wire.StatusStreamMessage>> ReadStatus(
        IAsyncStreamReader<Wire.StatusStreamMessage> stream, Func<List<Wire.StatusStreamMessage>, bool> until)
    {
        var read = new List<Wire.StatusStreamMessage>();
        while (!until(read))
        {
            Assert.True(await stream.MoveNext().WaitAsync(Timeout), "stream ended early");
            read.Add(stream.Current);
        }

        return read;
    }

    [Fact]
    public async Task SubscribeStatus_FromScratch_SnapshotThenLive()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        using var call = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest(), cancellationToken: new CancellationTokenSource(Timeout).Token);

        var snapshot = await ReadStatus(call.ResponseStream, r => r.Count > 0 && r[^1].KindCase == Wire.StatusStreamMessage.KindOneofCase.SnapshotEnd);

        Assert.Equal(Wire.StatusStreamMessage.KindOneofCase.SnapshotBegin, snapshot[0].KindCase);
        Assert.Equal("new subscriber", snapshot[0].SnapshotBegin.Reason);
        Assert.Equal(20, snapshot.Count(m => m.KindCase == Wire.StatusStreamMessage.KindOneofCase.SnapshotItem));
        Assert.All(snapshot.Where(m => m.SnapshotItem is not null), m => Assert.Equal(Wire.TaskState.Running, m.SnapshotItem.State));
        var end = snapshot[^1].SnapshotEnd.Position;

        server.Time.Advance(TimeSpan.FromSeconds(30));
        var live = await ReadStatus(call.ResponseStream, r => r.Count >= 5);

        Assert.All(live, m => Assert.Equal(Wire.StatusStreamMessage.KindOneofCase.Event, m.KindCase));
        Assert.Equal(Enumerable.Range((int)end.Sequence + 1, 5).Select(i => (ulong)i), live.Select(m => m.Event.Position.Sequence));
        Assert.All(live, m => Assert.Equal(end.Epoch, m.Event.Position.Epoch));
    }

    [Fact]
    public async Task SubscribeStatus_Resume_NoGapNoDuplicate()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(40));
        var all = server.Engine.StatusLog.Head;
        Assert.True(all > 40);
        var resumeAfter = all / 2;

        using var call = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest
        {
            ResumeFrom = new Wire.StreamPosition { Epoch = server.Engine.Epoch, Sequence = (ulong)resumeAfter },
        }, cancellationToken: new CancellationTokenSource(Timeout).Token);
        var replay = await ReadStatus(call.ResponseStream, r => r.Count == all - resumeAfter);
        server.Time.Advance(TimeSpan.FromSeconds(30));
        var live = await ReadStatus(call.ResponseStream, r => r.Count == 3);

        var sequences = replay.Concat(live).Select(m => (long)m.Event.Position.Sequence).ToList();
        Assert.Equal(Enumerable.Range((int)resumeAfter + 1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Subscribe_ResumeWithNothingNew_AnswersWithHeadersAtOnce()
    {
        await using var server = await EmulatorServer.StartAsync("coordinated-pulse");
        var head = (ulong)server.Engine.StatusLog.Head;

        using var call = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest
        {
            ResumeFrom = new Wire.StreamPosition { Epoch = server.Engine.Epoch, Sequence = head },
        }, cancellationToken: new CancellationTokenSource(Timeout).Token);

        // No event is due, yet the subscriber can tell the stream is up.
        await call.ResponseHeadersAsync.WaitAsync(Timeout);
        var next = call.ResponseStream.MoveNext();
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task SubscribeUpdater_StaleEpoch_SnapshotFirst()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(20));
        using var call = server.Client.SubscribeUpdaterEvents(new Wire.SubscribeRequest
        {
            ResumeFrom = new Wire.StreamPosition { Epoch = "an-older-epoch", Sequence = 12 },
        }, cancellationToken: new CancellationTokenSource(Timeout).Token);

        var read = new List<Wire.UpdaterStreamMessage>();
        while (read.Count == 0 || read[^1].KindCase != Wire.UpdaterStreamMessage.KindOneofCase.SnapshotEnd)
        {
            Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Timeout));
            read.Add(call.ResponseStream.Current);
        }

        Assert.Contains("an-older-epoch", read[0].SnapshotBegin.Reason, StringComparison.Ordinal);
        Assert.Equal(server.Engine.Epoch, read[0].SnapshotBegin.Position.Epoch);
        var items = read.Where(m => m.SnapshotItem is not null).Select(m => m.SnapshotItem.ToDomain()).ToList();
        var started = Assert.IsType<Domain.Events.UpdateStarted>(items[0]);
        Assert.Equal(DetectionStrategy.Capabilities, started.DetectionStrategy);
        Assert.Equal(5, started.Settings.GroupSize);
        Assert.Equal(10, started.DesiredConfig!.HealthCheck!.InitialIntervalSecs);
        Assert.Equal((ulong)server.Engine.UpdaterLog.Head, read[^1].SnapshotEnd.Position.Sequence);
    }

    [Fact]
    public async Task Control_PauseResumeAbort_ReturnTypedResults()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(10));
        var client = server.Client;

        var pause = await client.PauseUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "bob", Message = "look" });
        var pauseAgain = await client.PauseUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "bob", Message = "look" });
        var resume = await client.ResumeUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "bob", Message = "go" });
        var abort = await client.AbortUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "bob", Message = "stop" });
        var resumeAborted = await client.ResumeUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "bob", Message = "oops" });
        var unknown = await client.PauseUpdateAsync(new Wire.ControlRequest { Update = new Wire.UpdateKey { Job = WebUpdate.Job, Id = "nope" }, User = "bob" });
        var malformed = await client.PauseUpdateAsync(new Wire.ControlRequest { User = "bob" });

        Assert.Equal((Wire.ControlOutcome.Ok, Wire.UpdateStatus.RollForwardPaused), (pause.Outcome, pause.Status));
        Assert.Equal((Wire.ControlOutcome.Ok, Wire.UpdateStatus.RollForwardPaused), (pauseAgain.Outcome, pauseAgain.Status));
        Assert.Equal((Wire.ControlOutcome.Ok, Wire.UpdateStatus.RollingForward), (resume.Outcome, resume.Status));
        Assert.Equal((Wire.ControlOutcome.Ok, Wire.UpdateStatus.Aborted), (abort.Outcome, abort.Status));
        Assert.Equal((Wire.ControlOutcome.InvalidRequest, Wire.UpdateStatus.Aborted), (resumeAborted.Outcome, resumeAborted.Status));
        Assert.Equal(Wire.ControlOutcome.InvalidRequest, unknown.Outcome);
        Assert.Contains("nope", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal(Wire.ControlOutcome.InvalidRequest, malformed.Outcome);

        var details = await client.GetUpdateDetailsAsync(new Wire.GetUpdateDetailsRequest { Update = WebUpdate });
        Assert.Equal(
            [Wire.UpdateStatus.RollingForward, Wire.UpdateStatus.RollForwardPaused, Wire.UpdateStatus.RollingForward, Wire.UpdateStatus.Aborted],
            details.UpdateEvents.Select(e => e.StatusChanged.Status));
        Assert.Equal("bob", details.UpdateEvents[^1].StatusChanged.User);
    }

    [Fact]
    public async Task Control_UserNotAllowed_IsAuthFailed()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout", ("Emulator:AllowedOperators:0", "ops"));
        server.Time.Advance(TimeSpan.FromSeconds(10));

        var denied = await server.Client.PauseUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "mallory", Message = "x" });
        var allowed = await server.Client.PauseUpdateAsync(new Wire.ControlRequest { Update = WebUpdate, User = "ops", Message = "x" });

        Assert.Equal(Wire.ControlOutcome.AuthFailed, denied.Outcome);
        Assert.Equal(Wire.ControlOutcome.Ok, allowed.Outcome);
    }

    [Fact]
    public async Task Control_OverlongUserOrMessage_IsInvalidRequestAndNothingIsRecorded()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(10));
        var client = server.Client;

        var longUser = await client.PauseUpdateAsync(new Wire.ControlRequest
        {
            Update = WebUpdate, User = new string('u', UpstreamLimits.MaxIdentifierChars + 1), Message = "look",
        }).ResponseAsync.WaitAsync(Timeout);
        var longMessage = await client.AbortUpdateAsync(new Wire.ControlRequest
        {
            Update = WebUpdate, User = "bob", Message = new string('m', UpstreamLimits.MaxMessageChars + 1),
        }).ResponseAsync.WaitAsync(Timeout);
        var longId = await client.ResumeUpdateAsync(new Wire.ControlRequest
        {
            Update = new Wire.UpdateKey { Job = WebUpdate.Job, Id = new string('i', UpstreamLimits.MaxIdentifierChars + 1) }, User = "bob",
        }).ResponseAsync.WaitAsync(Timeout);
        var atTheLimit = await client.PauseUpdateAsync(new Wire.ControlRequest
        {
            Update = WebUpdate, User = new string('u', UpstreamLimits.MaxIdentifierChars), Message = new string('m', UpstreamLimits.MaxMessageChars),
        }).ResponseAsync.WaitAsync(Timeout);

        Assert.Equal(Wire.ControlOutcome.InvalidRequest, longUser.Outcome);
        Assert.StartsWith("user is", longUser.Reason, StringComparison.Ordinal);
        Assert.Equal(Wire.ControlOutcome.InvalidRequest, longMessage.Outcome);
        Assert.StartsWith("message is", longMessage.Reason, StringComparison.Ordinal);
        Assert.Equal(Wire.ControlOutcome.InvalidRequest, longId.Outcome);
        Assert.StartsWith("update id is", longId.Reason, StringComparison.Ordinal);
        Assert.Equal((Wire.ControlOutcome.Ok, Wire.UpdateStatus.RollForwardPaused), (atTheLimit.Outcome, atTheLimit.Status));
        var details = await client.GetUpdateDetailsAsync(new Wire.GetUpdateDetailsRequest { Update = WebUpdate }).ResponseAsync.WaitAsync(Timeout);
        Assert.Equal([Wire.UpdateStatus.RollingForward, Wire.UpdateStatus.RollForwardPaused], details.UpdateEvents.Select(e => e.StatusChanged.Status));
        Assert.Equal(UpstreamLimits.MaxMessageChars, details.UpdateEvents[^1].StatusChanged.Message.Length);
    }

    [Fact]
    public async Task Subscribe_OverlongResumeEpoch_IsInvalidArgument()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        using var call = server.Client.SubscribeUpdaterEvents(new Wire.SubscribeRequest
        {
            ResumeFrom = new Wire.StreamPosition { Epoch = new string('e', UpstreamLimits.MaxIdentifierChars + 1), Sequence = 1 },
        }, cancellationToken: new CancellationTokenSource(Timeout).Token);

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WaitAsync(Timeout));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("stream epoch", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_ListAndDetails_DescribeTheUpdate()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout,failing-health-check");
        server.Time.Advance(TimeSpan.FromMinutes(5));

        var list = await server.Client.ListUpdatesAsync(new Wire.ListUpdatesRequest());
        var details = await server.Client.GetUpdateDetailsAsync(new Wire.GetUpdateDetailsRequest { Update = WebUpdate });
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            server.Client.GetUpdateDetailsAsync(new Wire.GetUpdateDetailsRequest { Update = new Wire.UpdateKey { Job = WebUpdate.Job, Id = "nope" } }).ResponseAsync);

        Assert.Equal(2, list.Updates.Count);
        var web = list.Updates.Single(u => u.Update.Job.Name == "web");
        Assert.Equal((Wire.UpdateStatus.RolledForward, 20u, 20u), (web.Status, web.InstanceCount, web.UpdatedCount));
        Assert.Equal(Wire.UpdateStatus.RolledBack, list.Updates.Single(u => u.Update.Job.Name == "indexer").Status);
        Assert.Equal(40, details.InstanceEvents.Count);
        Assert.Equal(Wire.UpdateStrategy.Batch, details.Started.Settings.Strategy);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Pulse_OverGrpc_UnblocksACoordinatedUpdate()
    {
        await using var server = await EmulatorServer.StartAsync("coordinated-pulse");
        server.Time.Advance(TimeSpan.FromMinutes(5));
        var key = new UpdateKey(new JobKey("infra", "prod", "gateway"), "gateway-1").ToProto();
        var before = await server.Client.ListUpdatesAsync(new Wire.ListUpdatesRequest());

        var pulse = await server.Client.PulseUpdateAsync(new Wire.PulseRequest { Update = key });

        var after = await server.Client.ListUpdatesAsync(new Wire.ListUpdatesRequest());
        Assert.Equal(Wire.UpdateStatus.RollForwardAwaitingPulse, before.Updates[0].Status);
        Assert.Equal(Wire.PulseOutcome.PulseOk, pulse.Outcome);
        Assert.Equal(Wire.UpdateStatus.RollingForward, after.Updates[0].Status);
    }

    [Fact]
    public async Task Reflection_And_Health_AreServed()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");

        var health = await new Health.HealthClient(server.Invoker).CheckAsync(new HealthCheckRequest());
        using var reflection = new ServerReflection.ServerReflectionClient(server.Invoker).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await reflection.ResponseStream.MoveNext().WaitAsync(Timeout));
        await reflection.RequestStream.CompleteAsync();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains("rollout.v1.Scheduler", reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Options_BadKeys_FailAtStartNamingEach()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            EmulatorServer.StartAsync("no-such-scenario", ("Emulator:Speed", "-3"), ("Emulator:RetainedEvents", "5")));

        Assert.Contains("Emulator:Speed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Emulator:RetainedEvents", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-scenario", ex.Message, StringComparison.Ordinal);
    }
}
