using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Metrics;

/// <summary>
/// OpenTelemetry listens to meters by name across the whole process, so a scrape would also count the
/// instruments of every other test's dashboard running at the same time (a deployed server is alone
/// in its process): these tests run by themselves, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(AloneInTheProcess), DisableParallelization = true)]
public sealed class AloneInTheProcess;

/// <summary>GET /metrics as Prometheus scrapes it: text format, the dashboard's families, signed in by Bearer token.</summary>
[Collection(nameof(AloneInTheProcess))]
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Scrape_WhileABrowserWatches_ParsesAsPrometheusTextWithEveryFamily()
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync();
        await browser.WaitUntil(s => s.Updates.Any(u => u.UpdatedCount >= 1), "some progress");
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var scrape = PrometheusText.Parse(text);

        Assert.Equal("gauge", scrape.Types["rollout_updates"]);
        Assert.Equal("gauge", scrape.Types["rollout_instances"]);
        Assert.Equal("gauge", scrape.Types["rollout_hazards"]);
        Assert.Equal("gauge", scrape.Types["rollout_upstream_connected"]);
        Assert.Equal("gauge", scrape.Types["rollout_upstream_last_event_age_seconds"]);
        Assert.Equal("counter", scrape.Types["rollout_upstream_reconnects_total"]);
        Assert.Equal("counter", scrape.Types["rollout_upstream_rejected_events_total"]);
        Assert.Equal("counter", scrape.Types["rollout_upstream_bad_messages_total"]);
        Assert.Equal("gauge", scrape.Types["rollout_hub_connections"]);
        Assert.Equal("counter", scrape.Types["rollout_hub_delta_bytes_total"]);
        Assert.Equal("counter", scrape.Types["rollout_recording_truncated_total"]);
        Assert.Equal("counter", scrape.Types["rollout_recording_dropped_events_total"]);
        Assert.Equal("gauge", scrape.Types["rollout_replays_held"]);
        Assert.Equal("counter", scrape.Types["rollout_insight_refolds_total"]);

        // One series per status, zeros included, so a dashboard's query never meets a missing series.
        var byStatus = scrape.Samples.Where(s => s.Name == "rollout_updates").ToList();
        Assert.Equal(Enum.GetValues<Domain.Model.UpdateStatus>().Length, byStatus.Count);
        Assert.True(byStatus.Sum(s => s.Value) >= 1);
        Assert.Contains(byStatus, s => s.Labels["status"] == "ROLLING_FORWARD");

        var modes = scrape.Samples.Where(s => s.Name == "rollout_instances").Select(s => s.Labels["gating_mode"]).Order().ToArray();
        Assert.Equal(["HEALTH_GATED", "UNDETERMINED", "WATCH_SECS"], modes);

        Assert.Equal(1, scrape.Single("rollout_upstream_connected"));
        Assert.True(scrape.Single("rollout_hub_connections") >= 1);
        Assert.True(scrape.Single("rollout_hub_delta_bytes_total") > 0, "the browser was sent change batches");
        Assert.InRange(scrape.Single("rollout_upstream_last_event_age_seconds"), 0, 60);
        Assert.Equal(0, scrape.Single("rollout_upstream_bad_messages_total"));
        Assert.Equal(0, scrape.Single("rollout_recording_truncated_total"));
    }

    [Fact]
    public async Task Scrape_WithoutToken_Is401NotASignInPage()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await http.SendAsync(request).WaitAsync(Timeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("rollout_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Prometheus' text exposition format, as much as a scraper reads: TYPE lines and samples.</summary>
    private sealed record PrometheusText(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        public static PrometheusText Parse(string text)
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            var samples = new List<Sample>();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0 || line == "# EOF") continue;
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    types[parts[2]] = parts[3];
                    continue;
                }

                if (line.StartsWith('#')) continue;
                samples.Add(Sample.Parse(line));
            }

            return new PrometheusText(types, samples);
        }

        public double Single(string name) => Assert.Single(Samples, s => s.Name == name).Value;
    }

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        /// <summary>name{a="x",b="y"} value [timestamp]; label values here never hold quotes or commas.</summary>
        public static Sample Parse(string line)
        {
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            string rest;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                var close = line.IndexOf('}', brace);
                foreach (var pair in line[(brace + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..eq]] = pair[(eq + 1)..].Trim('"');
                }

                rest = line[(close + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[(space + 1)..];
            }

            var value = double.Parse(rest.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new Sample(name, labels, value);
        }
    }
}
