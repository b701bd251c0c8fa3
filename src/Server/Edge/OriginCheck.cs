using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Edge;

/// <summary>
/// Cross-site WebSocket hijacking guard: browsers send cookies with a WebSocket to any site and do not
/// apply CORS to it, so every hub request (negotiate, long poll, SSE, WebSocket) and any WebSocket
/// upgrade must come from the dashboard's own origin or a configured one. So must every write to the
/// JSON API (any method but GET, HEAD, OPTIONS under /api): a cross-site form can POST with cookies
/// too. A request with no Origin is not a browser's (browsers always send it on WebSockets and
/// cross-origin fetches and POSTs) and is let through.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptions<EdgeOptions> options)
{
    private readonly HashSet<string> _allowed = options.Value.AllowedOrigins
        .Select(Origins.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = context.WebSockets.IsWebSocketRequest
            || request.Path.StartsWithSegments(DashboardHubRoute.Path, StringComparison.OrdinalIgnoreCase)
            || (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase));
        if (!guarded || !request.Headers.TryGetValue("Origin", out var values)) return next(context);

        var origin = Origins.Normalize(values.Count == 1 ? values[0] : null); // "null", junk or several: refused
        if (origin is not null && (origin == Origins.Self(request) || _allowed.Contains(origin))) return next(context);

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("origin not allowed");
    }
}
