namespace Rollout.Server.Edge;

/// <summary>Origins compared as browsers send them: lower-case scheme://host, default port left out.</summary>
public static class Origins
{
    /// <summary>The canonical form, or null for anything that is not a plain http(s) origin (including "null").</summary>
    public static string? Normalize(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0) return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>The origin a page served by this request would have; Host is already checked by host filtering.</summary>
    public static string? Self(HttpRequest request) =>
        request.Host.HasValue ? Normalize($"{request.Scheme}://{request.Host.Value}") : null;
}
