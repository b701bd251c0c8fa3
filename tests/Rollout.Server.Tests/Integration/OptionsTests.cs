using Microsoft.Extensions.Options;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

public class OptionsTests
{
    [Fact]
    public void BadSettings_StopTheServerAtStart_NamingEveryKey()
    {
        var ex = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = new DashboardApp(
                ("Upstream:Address", "not a url"),
                ("Upstream:EmbeddedPort", "70000"),
                ("Upstream:MaxUpdaterSnapshotItems", "0"),
                ("Upstream:MaxSnapshotBytes", "2147483648"),
                ("Dashboard:FlushIntervalMs", "0"),
                ("Dashboard:LostAfterSeconds", "-1"));
        });

        // Each options type reports its own failures; together they name every bad key.
        var failures = Flatten(ex).OfType<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
        Assert.True(failures.Count > 0, ex.ToString());
        var message = string.Join(" | ", failures);
        foreach (var key in new[] { "Upstream:Address", "Upstream:EmbeddedPort", "Upstream:MaxUpdaterSnapshotItems", "Upstream:MaxSnapshotBytes", "Dashboard:FlushIntervalMs", "Dashboard:LostAfterSeconds" })
        {
            Assert.True(message.Contains(key, StringComparison.Ordinal), ex.ToString());
        }
    }

    private static IEnumerable<Exception> Flatten(Exception ex) =>
        ex is AggregateException aggregate
            ? aggregate.InnerExceptions.SelectMany(Flatten)
            : ex.InnerException is null ? [ex] : new[] { ex }.Concat(Flatten(ex.InnerException));
}
