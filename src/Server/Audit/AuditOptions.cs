using Microsoft.Extensions.Options;
using Rollout.Server.Hosting;

namespace Rollout.Server.Audit;

/// <summary>Where the audit lives (keys in section "Dashboard", beside <see cref="DashboardOptions"/>).</summary>
public sealed class AuditOptions
{
    public const string Section = DashboardOptions.Section;

    /// <summary>The dashboard's data folder; relative paths are under the content root. Holds audit.db.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>How long one audit write may wait for the database (busy timeout): bounds how long a command's answer can wait on disk.</summary>
    public int AuditWriteTimeoutSeconds { get; set; } = 2;

    public string AuditFile(string contentRoot) => Path.Combine(Path.GetFullPath(DataPath, contentRoot), "audit.db");
}

public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>();
        const string S = AuditOptions.Section;
        if (string.IsNullOrWhiteSpace(options.DataPath) || options.DataPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || options.DataPath.Contains('\0', StringComparison.Ordinal))
            errors.Add($"{S}:DataPath must be a folder path (was '{Domain.Audit.LogText.Escape(options.DataPath)}')");
        if (options.AuditWriteTimeoutSeconds is < 1 or > 30)
            errors.Add($"{S}:AuditWriteTimeoutSeconds must be within [1, 30] (was {options.AuditWriteTimeoutSeconds})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
