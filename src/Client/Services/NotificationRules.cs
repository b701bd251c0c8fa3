using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Services;

/// <summary>Why a watched update is worth a notification.</summary>
public enum NoticeKind
{
    Paused,
    Failed,
    RollingBack,
    RolledBack,
    RolledForward,
    Aborted,
}

/// <summary>One notification: what the browser shows, and where a click goes.</summary>
/// <param name="Tag">One per update: a newer notice of the same update replaces the older one.</param>
public sealed record UpdateNotice(NoticeKind Kind, string Title, string Body, string Tag, string Url);

/// <summary>
/// Which status changes of a watched update notify: it pauses, fails, starts rolling back, or
/// finishes (rolled forward, rolled back, aborted). Resuming, waiting for a pulse and the first
/// sight of an update do not. Pure.
/// </summary>
public static class NotificationRules
{
    /// <summary>The kind of notice a change from <paramref name="before"/> to <paramref name="after"/> makes; null when none.</summary>
    public static NoticeKind? KindOf(UpdateStatus? before, UpdateStatus after)
    {
        if (before is not { } from || from == after) return null;
        return after switch
        {
            UpdateStatus.RollForwardPaused or UpdateStatus.RollBackPaused when !from.IsPaused() => NoticeKind.Paused,
            UpdateStatus.Failed or UpdateStatus.Error => NoticeKind.Failed,

            // A paused or blocked rollback that carries on is not news; the turn backwards is.
            UpdateStatus.RollingBack when !from.IsBackward() => NoticeKind.RollingBack,
            UpdateStatus.RolledBack => NoticeKind.RolledBack,
            UpdateStatus.RolledForward => NoticeKind.RolledForward,
            UpdateStatus.Aborted => NoticeKind.Aborted,
            _ => null,
        };
    }

    /// <summary>The notice for <paramref name="update"/> having come from <paramref name="before"/>; null when it does not notify.</summary>
    public static UpdateNotice? For(UpdateView update, UpdateStatus? before)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (KindOf(before, update.Status) is not { } kind) return null;
        var what = kind switch
        {
            NoticeKind.Paused => "paused",
            NoticeKind.Failed => "failed",
            NoticeKind.RollingBack => "is rolling back",
            NoticeKind.RolledBack => "rolled back",
            NoticeKind.RolledForward => "finished: rolled forward",
            _ => "aborted",
        };
        var failed = update.FailedCount > 0 ? $", {update.FailedCount} failed" : "";
        return new UpdateNotice(
            kind,
            $"{update.Job} #{update.UpdateId} {what}",
            $"{before!.Value.WireName()} → {update.Status.WireName()} · {update.UpdatedCount}/{update.InstanceCount} updated{failed}",
            update.Key,
            Link(update));
    }

    /// <summary>The update's page.</summary>
    public static string Link(UpdateView update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var job = update.Job;
        return $"/updates/{Uri.EscapeDataString(job.Role)}/{Uri.EscapeDataString(job.Environment)}/{Uri.EscapeDataString(job.Name)}/{Uri.EscapeDataString(update.UpdateId)}";
    }
}
