using Microsoft.AspNetCore.Authentication;

namespace Rollout.Server.Security;

/// <summary>GET /login?t=&lt;token&gt;: trades the printed token for a session cookie, then goes to "/".</summary>
public static class LoginEndpoint
{
    public const string Path = "/login";

    /// <summary>Anonymous by necessity: it is how one signs in. It reveals nothing but the guidance page.</summary>
    public static IEndpointConventionBuilder MapDashboardLogin(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, Login).AllowAnonymous();

    private static async Task<IResult> Login(HttpContext http, AccessToken token, string? t)
    {
        http.Response.Headers.CacheControl = "no-store";
        switch (token.Mode)
        {
            case AuthMode.OpenIdConnect:
                return Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [DashboardSchemes.OpenIdConnect]);
            case AuthMode.Unsecured:
                return Results.Redirect("/");
        }

        if (!token.Matches(t)) return SignInPage.Result(wrongToken: true);
        await http.SignInAsync(DashboardSchemes.Cookie, token.Principal(DashboardSchemes.Token));

        // Always "/", never a target named by the request: a sign-in link cannot send anyone elsewhere.
        return Results.Redirect("/");
    }
}
