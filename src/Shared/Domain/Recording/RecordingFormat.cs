using System.Text;
using Rollout.Domain.Model;

namespace Rollout.Domain.Recording;

/// <summary>What names a recording file: its format, the version this build writes and reads, and its file name.</summary>
public static class RecordingFormat
{
    /// <summary>The header's <c>format</c>: anything else is not a recording.</summary>
    public const string Name = "rollout-recording";

    /// <summary>The only version this build writes and reads; a file of another version is refused by name.</summary>
    public const int Version = 1;

    public const string FileExtension = ".rollout.jsonl";

    /// <summary>JSON Lines, as served for download.</summary>
    public const string MediaType = "application/x-ndjson";

    /// <summary>"role-env-name-id.rollout.jsonl", every character but letters, digits, '.', '_' and '-' made '_'.</summary>
    public static string FileName(UpdateKey update)
    {
        var name = new StringBuilder();
        foreach (var part in (ReadOnlySpan<string>)[update.Job.Role, update.Job.Environment, update.Job.Name, update.Id])
        {
            if (name.Length > 0) name.Append('-');
            foreach (var c in part) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.Append(FileExtension).ToString();
    }
}
