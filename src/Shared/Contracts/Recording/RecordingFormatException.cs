namespace Rollout.Contracts.Recording;

/// <summary>A file that is not a readable recording; the message says where (the line, 1-based) and what is wrong.</summary>
public sealed class RecordingFormatException : Exception
{
    public RecordingFormatException(int line, string problem, Exception? inner = null)
        : base(line > 0 ? $"line {line}: {problem}" : problem, inner)
    {
        Line = line;
        Problem = problem;
    }

    /// <summary>The 1-based line at fault; 0 when the file as a whole is (it cannot be opened, or its counts disagree).</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the line.</summary>
    public string Problem { get; }
}
