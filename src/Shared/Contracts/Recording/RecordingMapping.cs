using Rollout.Contracts.Mapping;
using Rollout.Domain.Recording;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Recording;

/// <summary>A recording's header and events, domain and wire, both ways; the events through the stream mapping.</summary>
public static class RecordingMapping
{
    public static Wire.RecordingHeader Header(UpdateRecording recording) => new()
    {
        Format = RecordingFormat.Name,
        Version = RecordingFormat.Version,
        Update = recording.Update.ToProto(),
        RecordedAt = recording.RecordedAt.ToProto(),
        Events = (uint)recording.Events.Count,
        StatusEvents = (uint)recording.StatusEventCount,
        UpdaterEvents = (uint)recording.UpdaterEventCount,
        PriorEvents = (uint)recording.PriorEventCount,
        Truncated = recording.Truncated,
        DroppedEvents = (uint)Math.Clamp(recording.DroppedEvents, 0, uint.MaxValue), // past 4 billion it says "at least"
    };

    public static Wire.RecordedEvent ToProto(this RecordedEvent e) => e switch
    {
        RecordedStatus s => new Wire.RecordedEvent { Status = s.Update.ToProto(), Prior = s.Prior },
        RecordedUpdater u => new Wire.RecordedEvent { Updater = u.Event.ToProto() },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, null),
    };

    /// <exception cref="ContractDataException">The event is not one the contract can carry; the message says which field.</exception>
    public static RecordedEvent ToDomain(this Wire.RecordedEvent e) => e.StreamCase switch
    {
        Wire.RecordedEvent.StreamOneofCase.Status => new RecordedStatus(e.Status.ToDomain(), e.Prior),
        Wire.RecordedEvent.StreamOneofCase.Updater when e.HasPrior => throw new ContractDataException("\"prior\" is for status events only"),
        Wire.RecordedEvent.StreamOneofCase.Updater => new RecordedUpdater(e.Updater.ToDomain()),
        _ => throw new ContractDataException("the event names no stream: it needs \"status\" or \"updater\""),
    };
}
