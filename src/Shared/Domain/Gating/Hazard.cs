namespace Rollout.Domain.Gating;

public enum HazardKind
{
    /// <summary>watch_secs = 0 and nothing trustworthy gates RUNNING on health.</summary>
    WatchSecsZeroWithoutGating,

    /// <summary>The S3 bit is set but this instance runs a vPrev executor.</summary>
    SettingsBitWithPrevExecutor,

    /// <summary>The updater's stated decision disagrees with the instance's evidence.</summary>
    UpdaterDisagreesWithEvidence,
}

public sealed record Hazard(HazardKind Kind, string Description)
{
    /// <summary>The public spelling, stable for scripts.</summary>
    public string Code => Kind switch
    {
        HazardKind.WatchSecsZeroWithoutGating => "WATCH_SECS_ZERO_WITHOUT_GATING",
        HazardKind.SettingsBitWithPrevExecutor => "SETTINGS_BIT_WITH_VPREV_EXECUTOR",
        _ => "UPDATER_DISAGREES_WITH_EVIDENCE",
    };
}
