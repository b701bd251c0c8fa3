using Rollout.Client.Services;

namespace Rollout.Client.Tests.Support;

/// <summary>Notifications as a browser would take them: a permission, and the notices shown.</summary>
public sealed class FakeBrowserNotifications : IBrowserNotifications
{
    /// <summary>The permission now; <see cref="Answer"/> is what asking turns it into.</summary>
    public string Permission { get; set; } = "default";

    public string Answer { get; set; } = "granted";

    public int Requests { get; private set; }

    public List<UpdateNotice> Shown { get; } = [];

    public Task<string> PermissionAsync() => Task.FromResult(Permission);

    public Task<string> RequestPermissionAsync()
    {
        Requests++;
        if (Permission == "default") Permission = Answer;
        return Task.FromResult(Permission);
    }

    public Task ShowAsync(UpdateNotice notice)
    {
        Shown.Add(notice);
        return Task.CompletedTask;
    }
}
