using Rollout.Server.Audit;

namespace Rollout.Server.Tests.Audit;

public class AuditOptionsTests
{
    [Fact]
    public void Validate_BadValues_NamesEveryKey()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { DataPath = " ", AuditWriteTimeoutSeconds = 0 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Dashboard:DataPath", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Dashboard:AuditWriteTimeoutSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions()).Succeeded);

    [Fact]
    public void AuditFile_RelativeDataPath_IsUnderTheContentRoot() =>
        Assert.Equal(Path.Combine("/srv/dashboard", "data", "audit.db"), new AuditOptions().AuditFile("/srv/dashboard"));
}
