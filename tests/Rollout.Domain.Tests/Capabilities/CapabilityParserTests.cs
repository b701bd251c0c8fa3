using Rollout.Domain.Capabilities;

namespace Rollout.Domain.Tests.Capabilities;

public class CapabilityParserTests
{
    public static TheoryData<string?, bool, string[], string[]> Cases => new()
    {
        // message, advertised, known (wire names), unknown
        { null, false, [], [] },
        { "", false, [], [] },
        { "Task is healthy.", false, [], [] },
        { "capabilities:", true, [], [] },
        { "capabilities:,,", true, [], [] },
        { "capabilities:HEALTH_GATED_RUNNING", true, ["HEALTH_GATED_RUNNING"], [] },
        { "capabilities: HEALTH_GATED_RUNNING , HEALTH_CHECK_PROGRESS ", true, ["HEALTH_GATED_RUNNING", "HEALTH_CHECK_PROGRESS"], [] },
        { "capabilities:HEALTH_GATED_RUNNING,HEALTH_GATED_RUNNING", true, ["HEALTH_GATED_RUNNING"], [] },
        { "capabilities:HEALTH_GATED_RUNNING,TELEPORTATION", true, ["HEALTH_GATED_RUNNING"], ["TELEPORTATION"] },
        { "capabilities:GRACEFUL_SHUTDOWN,HEALTH_CHECK_PROGRESS,HEALTH_GATED_RUNNING", true, ["GRACEFUL_SHUTDOWN", "HEALTH_CHECK_PROGRESS", "HEALTH_GATED_RUNNING"], [] },
        { "capabilities:TELEPORTATION,GRACEFUL_SHUTDOWN,TELEPORTATION,HEALTH_GATED_RUNNING", true, ["GRACEFUL_SHUTDOWN", "HEALTH_GATED_RUNNING"], ["TELEPORTATION"] },
        { "capabilities:,,GRACEFUL_SHUTDOWN,,", true, ["GRACEFUL_SHUTDOWN"], [] },
        { "Task is healthy. capabilities:HEALTH_GATED_RUNNING,GRACEFUL_SHUTDOWN and then some prose", true, ["HEALTH_GATED_RUNNING", "GRACEFUL_SHUTDOWN"], [] },
        { "capabilities:FOO;HEALTH_GATED_RUNNING", true, [], ["FOO"] },
        { "capabilities:FOO\nHEALTH_GATED_RUNNING", true, [], ["FOO"] },
        { "capabilities:<script>alert(1)</script>", true, [], ["<script>alert(1)</script>"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_Message_YieldsKnownAndUnknown(string? message, bool advertised, string[] known, string[] unknown)
    {
        var result = CapabilityParser.Parse(message);

        Assert.Equal(advertised, result.Advertised);
        Assert.Equal(known, result.Known.Select(k => k.WireName()));
        Assert.Equal(unknown, result.Unknown);
        Assert.False(result.Truncated);
    }

    /// <summary>The contract: the string form is the enum value name. No other spelling may make RUNNING count as healthy.</summary>
    public static TheoryData<string, string[]> NonCanonicalTokens => new()
    {
        // message, unknown tokens kept exactly as sent
        { "capabilities:health_gated_running", ["health_gated_running"] },
        { "capabilities:Health_Gated_Running", ["Health_Gated_Running"] },
        { "capabilities:HEALTH-GATED-RUNNING", ["HEALTH-GATED-RUNNING"] },
        { "capabilities:health-check-progress,graceful_shutdown", ["health-check-progress", "graceful_shutdown"] },
        { "capabilities:HEALTH_GATED_RUNNING_V2,health_gated_running,health_gated_running", ["HEALTH_GATED_RUNNING_V2", "health_gated_running"] },
        { "capabilities:HEALTH_GATED_RUNNIN", ["HEALTH_GATED_RUNNIN"] },
    };

    [Theory]
    [MemberData(nameof(NonCanonicalTokens))]
    public void Parse_NonCanonicalToken_IsUnknownKeptAsSentAndNeverKnown(string message, string[] unknown)
    {
        var result = CapabilityParser.Parse(message);

        Assert.True(result.Advertised);
        Assert.Empty(result.Known);
        Assert.False(result.Has(ExecutorCapability.HealthGatedRunning));
        Assert.Equal(unknown, result.Unknown);
    }

    [Theory]
    [InlineData("CAPABILITIES:HEALTH_GATED_RUNNING")]
    [InlineData("Capabilities:HEALTH_GATED_RUNNING")]
    [InlineData("Task is healthy. Capabilities: HEALTH_GATED_RUNNING")]
    public void Parse_PrefixInAnotherCase_IsProseNotAnAdvertisement(string message)
    {
        var result = CapabilityParser.Parse(message);

        Assert.False(result.Advertised);
        Assert.False(result.Has(ExecutorCapability.HealthGatedRunning));
    }

    [Fact]
    public void Parse_ProseInAnotherCaseBeforeTheRealPrefix_FindsTheRealOne()
    {
        var result = CapabilityParser.Parse("Capabilities: see below. capabilities:HEALTH_GATED_RUNNING");

        Assert.Equal([ExecutorCapability.HealthGatedRunning], result.Known);
    }

    [Fact]
    public void Parse_MegabyteOfTokens_KeepsOnlyTheCap()
    {
        var tokens = string.Join(',', Enumerable.Range(0, 200_000).Select(i => $"X{i}"));
        var message = "capabilities:HEALTH_GATED_RUNNING," + tokens;
        Assert.True(message.Length > 1_000_000);

        var result = CapabilityParser.Parse(message);

        Assert.True(result.Truncated);
        Assert.Equal(CapabilityParser.MaxTokens, result.Known.Count + result.Unknown.Count);
        Assert.True(result.Has(ExecutorCapability.HealthGatedRunning));
    }

    [Fact]
    public void Parse_MegabyteSingleToken_StopsWithoutAToken()
    {
        var message = "capabilities:" + new string('A', 1_000_000);

        var result = CapabilityParser.Parse(message);

        Assert.True(result.Advertised);
        Assert.True(result.Truncated);
        Assert.Empty(result.Known);
        Assert.Empty(result.Unknown);
    }

    [Fact]
    public void Parse_MegabyteWithoutPrefix_IsNotAdvertised()
    {
        var result = CapabilityParser.Parse(new string('x', 1_000_000) + " capability: HEALTH_GATED_RUNNING");

        Assert.False(result.Advertised);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(" , ")]
    [InlineData("HEALTH_GATED_RUNNING,")]
    public void Parse_MegabyteOfPadding_StopsAfterMaxEntries(string entry)
    {
        var message = "capabilities:" + string.Concat(Enumerable.Repeat(entry, 1_000_000 / entry.Length)) + "GRACEFUL_SHUTDOWN";

        var result = CapabilityParser.Parse(message);

        Assert.True(result.Truncated);
        Assert.False(result.Has(ExecutorCapability.GracefulShutdown));
    }

    [Theory]
    [InlineData(CapabilityParser.MaxEntries - 1, false)]
    [InlineData(CapabilityParser.MaxEntries, true)]
    public void Parse_EmptyEntries_CountTowardsMaxEntries(int commas, bool truncated)
    {
        var result = CapabilityParser.Parse("capabilities:" + new string(',', commas) + "GRACEFUL_SHUTDOWN");

        Assert.Equal(truncated, result.Truncated);
        Assert.Equal(!truncated, result.Has(ExecutorCapability.GracefulShutdown));
    }

    [Fact]
    public void Parse_LongButLegalToken_IsKeptWhole()
    {
        var token = new string('Z', CapabilityParser.MaxTokenLength);

        var result = CapabilityParser.Parse("capabilities:" + token);

        Assert.Equal([token], result.Unknown);
        Assert.False(result.Truncated);
    }

    [Fact]
    public void Format_KnownCapabilities_ParsesBack()
    {
        var all = Enum.GetValues<ExecutorCapability>();

        var result = CapabilityParser.Parse("Task is healthy. " + ExecutorCapabilities.Format(all));

        Assert.Equal(all, result.Known);
    }

    [Fact]
    public void Parse_SameKnownListInAnotherOrder_KeepsEachOrder()
    {
        var first = CapabilityParser.Parse("capabilities:HEALTH_GATED_RUNNING,GRACEFUL_SHUTDOWN");
        var again = CapabilityParser.Parse("Task is healthy. capabilities:HEALTH_GATED_RUNNING, GRACEFUL_SHUTDOWN");
        var reversed = CapabilityParser.Parse("capabilities:GRACEFUL_SHUTDOWN,HEALTH_GATED_RUNNING");

        Assert.Equal([ExecutorCapability.HealthGatedRunning, ExecutorCapability.GracefulShutdown], first.Known);
        Assert.Equal(first, again);
        Assert.Equal([ExecutorCapability.GracefulShutdown, ExecutorCapability.HealthGatedRunning], reversed.Known);
    }
}
