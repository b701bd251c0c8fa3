using System.Globalization;
using System.Text;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A scenario file of one job on vCurrent hosts whose update (v1 to v2, health checks, S2) starts a
/// minute in: at speed 20 the dashboard is live 3 s before it, so every event of the update reaches it
/// live. Written to a temporary file, deleted on dispose.
/// </summary>
internal sealed class LateRolloutScenario : IDisposable
{
    public LateRolloutScenario(string name, int hosts, int instances, int groupSize)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, string.Format(CultureInfo.InvariantCulture, Format, name, hosts, instances, groupSize));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);

    private static readonly CompositeFormat Format = CompositeFormat.Parse(Template);

    private const string Template = """
        {{
          "name": "{0}",
          "hosts": {{ "count": {1}, "vCurrentFraction": 1.0 }},
          "jobs": [ {{
            "role": "www-data", "environment": "prod", "name": "web", "instances": {2},
            "config": {{ "version": "v1", "healthCheck": {{ "initialIntervalSecs": 10, "intervalSecs": 5, "maxConsecutiveFailures": 1, "minConsecutiveSuccesses": 2, "timeoutSecs": 1 }}, "app": {{ "healthyAfterSecs": {{ "min": 6, "max": 14 }} }} }},
            "updates": [ {{
              "id": "web-1", "atSecs": 60, "user": "alice",
              "config": {{ "version": "v2", "healthCheck": {{ "initialIntervalSecs": 10, "intervalSecs": 5, "maxConsecutiveFailures": 1, "minConsecutiveSuccesses": 2, "timeoutSecs": 1 }}, "app": {{ "healthyAfterSecs": {{ "min": 6, "max": 14 }} }} }},
              "settings": {{ "strategy": "batch", "groupSize": {3}, "watchSecs": 30, "maxPerInstanceFailures": 1, "maxFailedInstances": 2 }},
              "detectionStrategy": "S2"
            }} ]
          }} ]
        }}
        """;
}
