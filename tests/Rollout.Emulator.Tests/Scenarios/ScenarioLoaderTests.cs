using Rollout.Emulator.Scenarios;

namespace Rollout.Emulator.Tests.Scenarios;

public class ScenarioLoaderTests
{
    [Fact]
    public void BuiltIn_EveryScenario_LoadsAndValidates()
    {
        foreach (var name in ScenarioLoader.BuiltInNames)
        {
            var scenario = ScenarioLoader.BuiltIn(name);
            Assert.Equal(name, scenario.Name);
            Assert.Empty(ScenarioLoader.Validate(scenario));
        }
    }

    [Fact]
    public void BuiltIn_UnknownName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.BuiltIn("nope"));

        Assert.Contains("mixed-executors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadValues_NamesEveryBadField()
    {
        const string json = """
        {
          "name": "bad",
          "hosts": { "count": 0, "vCurrentFraction": 2 },
          "jobs": [
            {
              "role": "r", "environment": "e", "name": "n", "instances": 0,
              "config": { "healthCheck": { "intervalSecs": 0 } },
              "updates": [ { "atSecs": -1, "detectionStrategy": "S9", "settings": { "groupSize": 0, "watchSecs": -5 } } ]
            }
          ]
        }
        """;

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "test.json"));

        foreach (var field in new[]
                 {
                     "hosts.count", "hosts.vCurrentFraction", "jobs[0].instances", "jobs[0].config.healthCheck.intervalSecs",
                     "jobs[0].updates[0].atSecs", "jobs[0].updates[0].detectionStrategy", "jobs[0].updates[0].settings.groupSize",
                     "jobs[0].updates[0].settings.watchSecs",
                 })
        {
            Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_CheckLatency_LoadsAndDefaultsToInstant()
    {
        const string json = """
        { "name": "slow", "jobs": [ { "role": "r", "name": "n", "instances": 1,
          "config": { "version": "v1", "app": { "checkLatencySecs": { "min": 0.5, "max": 3 } } } } ] }
        """;

        var scenario = ScenarioLoader.Parse(json, "slow.json");

        Assert.Equal(new Apps.SecondsRange(0.5, 3), scenario.Jobs[0].Config.App.CheckLatencySecs);
        Assert.Equal(new Apps.SecondsRange(0, 0), new Apps.AppProfile().CheckLatencySecs);
    }

    [Fact]
    public void Parse_BadCheckLatency_NamesTheField()
    {
        const string json = """
        { "name": "bad", "jobs": [ { "role": "r", "name": "n", "instances": 1,
          "config": { "version": "v1", "app": { "checkLatencySecs": { "min": 2, "max": 1 } } } } ] }
        """;

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json"));

        Assert.Contains("jobs[0].config.app.checkLatencySecs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownField_IsAnErrorNotIgnored()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""{ "name": "x", "jobz": [] }""", "typo.json"));

        Assert.Contains("jobz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_SaysWhere()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""{ "name": "x", "hosts": { "count": "many" } }""", "broken.json"));

        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hosts.count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_ScenarioFile_Loads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
        { "name": "from-file", "jobs": [ { "role": "r", "name": "n", "instances": 2,
          "updates": [ { "config": { "version": "v2" }, "settings": { "strategy": "queue", "groupSize": 1 } } ] } ] }
        """);
        try
        {
            var scenario = ScenarioLoader.Resolve(path);

            Assert.Equal("from-file", scenario.Name);
            Assert.Equal(Domain.Model.UpdateStrategyKind.Queue, scenario.Jobs[0].Updates[0].Settings.Strategy);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
