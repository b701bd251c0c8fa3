using Rollout.Client.Services;

namespace Rollout.Client.Tests.Support;

/// <summary>Answers replay requests with what the test sets, and records them.</summary>
public sealed class FakeReplayApi : IReplayApi
{
    public ReplayAnswer Next { get; set; } = new(Replay.ReplaySamples.Info(), null);

    public List<string> Requests { get; } = [];

    public List<string> UploadedText { get; } = [];

    public async Task<ReplayAnswer> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(content);
        UploadedText.Add(await reader.ReadToEndAsync(cancellationToken));
        Requests.Add($"upload {fileName}");
        return Next;
    }

    public Task<ReplayAnswer> FromUpdateAsync(string updateKey, CancellationToken cancellationToken = default)
    {
        Requests.Add($"from {updateKey}");
        return Task.FromResult(Next);
    }

    public Task<ReplayAnswer> GetAsync(string replayId, CancellationToken cancellationToken = default)
    {
        Requests.Add($"get {replayId}");
        return Task.FromResult(Next);
    }
}
