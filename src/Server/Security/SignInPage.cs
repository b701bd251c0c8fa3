using Rollout.Domain.Dashboard;

namespace Rollout.Server.Security;

/// <summary>
/// The 401 answer: for a browser, a page that says where the sign-in link comes from; for scripts
/// (the API, the hub) a bare 401 with a Bearer challenge. Nothing from the request is echoed.
/// </summary>
public static class SignInPage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Rollout Dashboard: sign in</title></head>
        <body style="font-family: sans-serif; max-width: 44em; margin: 3em auto; line-height: 1.5">
        <h1>Sign in to the Rollout Dashboard</h1>
        <p>{reason}</p>
        <p>Open the sign-in link the server printed when it started, in the terminal or log where it runs:</p>
        <pre>Rollout Dashboard: http://127.0.0.1:5080/login?t=&lt;token&gt;</pre>
        <p>The token changes every time the server starts, unless <code>Dashboard:Auth:Token</code> is set.
        Scripts send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        </body></html>
        """;

    public static bool IsBrowserPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments(DashboardHubRoute.Path) && !request.Path.StartsWithSegments("/healthz")
        && !request.Path.StartsWithSegments(Metrics.MetricsExtensions.Path)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(bool wrongToken) =>
        Results.Content(Body(wrongToken), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);

    public static Task WriteAsync(HttpContext context, bool wrongToken)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.CacheControl = "no-store";
        if (!IsBrowserPage(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Body(wrongToken));
    }

    private static string Body(bool wrongToken) =>
        Html.Replace("{reason}", wrongToken ? "That sign-in link is not (or no longer) valid." : "You are not signed in.", StringComparison.Ordinal);
}
