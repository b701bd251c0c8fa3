using Microsoft.Extensions.Logging;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Services;

public class FailureLogTests
{
    private const string Connect = "Connecting";

    private readonly RecordingLogger _logger = new();
    private readonly FailureLog _log;

    public FailureLogTests() => _log = new FailureLog(_logger);

    [Fact]
    public void Failed_SameErrorRepeated_LoggedOnceWithItsException()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:5000)");

        for (var i = 0; i < 50; i++) _log.Failed(Connect, refused);

        var line = Assert.Single(_logger.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Same(refused, line.Exception);
        Assert.Contains("Connecting failed: HttpRequestException: Connection refused (127.0.0.1:5000)", line.Text, StringComparison.Ordinal);
        Assert.Equal(50, _log.InARow(Connect));
    }

    [Fact]
    public void Succeeded_AfterFailures_OneLineWithTheCountsPerError()
    {
        for (var i = 0; i < 3; i++) _log.Failed(Connect, new HttpRequestException("refused"));
        _log.Failed(Connect, new TimeoutException("no answer"));
        _log.Failed(Connect, new HttpRequestException("refused"));

        _log.Succeeded(Connect);

        Assert.Equal(3, _logger.Lines.Count); // refused, no answer, then the summary
        var summary = _logger.Lines[^1];
        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.Contains("works again after 5 failure(s) in a row: 4× HttpRequestException: refused; 1× TimeoutException: no answer", summary.Text, StringComparison.Ordinal);
        Assert.Equal(0, _log.InARow(Connect));
    }

    [Fact]
    public void Succeeded_NeverFailed_LogsNothing()
    {
        _log.Succeeded(Connect);
        _log.Succeeded(Connect);

        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public void Failed_AgainAfterRecovering_LoggedAgain()
    {
        _log.Failed(Connect, "refused");
        _log.Succeeded(Connect);

        _log.Failed(Connect, "refused");

        Assert.Equal(3, _logger.Lines.Count);
        Assert.Equal(1, _log.InARow(Connect));
    }

    [Fact]
    public void Failed_OperationsCountedApart()
    {
        _log.Failed(Connect, "refused");
        _log.Failed("Loading a snapshot", "refused");
        _log.Failed(Connect, "refused");

        Assert.Equal(2, _logger.Lines.Count);
        Assert.Equal(2, _log.InARow(Connect));
        Assert.Equal(1, _log.InARow("Loading a snapshot"));
    }

    [Fact]
    public void Failed_EveryErrorDifferent_LogsAtMostTheFirstFewThenCounts()
    {
        for (var i = 0; i < 100; i++) _log.Failed(Connect, $"request {i} refused");

        Assert.Equal(FailureLog.MaxDistinct, _logger.Lines.Count);
        _log.Succeeded(Connect);
        Assert.Contains($"{100 - FailureLog.MaxDistinct}× other errors", _logger.Lines[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_AggregateOfTransports_DescribedByItsParts()
    {
        var all = new AggregateException("Unable to connect", new HttpRequestException("refused"), new IOException("reset"));

        _log.Failed(Connect, all);

        Assert.Contains("HttpRequestException: refused; IOException: reset", Assert.Single(_logger.Lines).Text, StringComparison.Ordinal);
    }
}
