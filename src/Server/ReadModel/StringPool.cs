using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// A bounded intern pool for what tens of thousands of retained events repeat: hosts, status messages
/// and job keys. Every event arrives with fresh copies; the model keeps one.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 65_536;
    private const int MaxLength = 256;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<JobKey> _jobs = [];

    public string Intern(string text)
    {
        if (text.Length == 0 || text.Length > MaxLength) return text;
        if (_strings.TryGetValue(text, out var existing)) return existing;
        if (_strings.Count < MaxEntries) _strings.Add(text);
        return text;
    }

    public JobKey Intern(JobKey job)
    {
        if (_jobs.TryGetValue(job, out var existing)) return existing;
        if (_jobs.Count < MaxEntries) _jobs.Add(job);
        return job;
    }
}
