using Microsoft.Extensions.Logging;

namespace Rollout.Client.Tests.Services;

/// <summary>Keeps every formatted line with its level and exception.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Text, Exception? Exception)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add((logLevel, formatter(state, exception), exception));
}
