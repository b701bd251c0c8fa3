using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Rollout.Server.Security;

/// <summary>Identity and permissions: <c>builder.AddDashboardAuth()</c> and <c>app.UseDashboardAuth()</c>.</summary>
public static class DashboardAuthExtensions
{
    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardAuthOptions>().Bind(builder.Configuration.GetSection(DashboardAuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAuthOptions>, DashboardAuthOptionsValidator>();
        services.AddSingleton<AccessToken>();
        services.AddSingleton<Permissions>();
        services.AddSingleton<CommandAuthorizer>();

        // Which handlers exist depends on the mode; a bad mode is named by the validator at start.
        var mode = (builder.Configuration.GetSection(DashboardAuthOptions.Section).Get<DashboardAuthOptions>() ?? new()).ParsedMode;
        var authentication = services.AddAuthentication(DashboardSchemes.Default)
            .AddPolicyScheme(DashboardSchemes.Default, null, o => o.ForwardDefaultSelector = context =>
                mode == AuthMode.Unsecured ? DashboardSchemes.Unsecured
                : TokenAuthenticationHandler.Presented(context.Request) is not null ? DashboardSchemes.Token
                : DashboardSchemes.Cookie)
            .AddCookie(DashboardSchemes.Cookie, o => ConfigureCookie(o, mode))
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(DashboardSchemes.Token, null)
            .AddScheme<AuthenticationSchemeOptions, UnsecuredAuthenticationHandler>(DashboardSchemes.Unsecured, null);
        if (mode == AuthMode.OpenIdConnect)
        {
            authentication.AddOpenIdConnect(DashboardSchemes.OpenIdConnect, _ => { });
            services.AddOptions<OpenIdConnectOptions>(DashboardSchemes.OpenIdConnect).Configure<IOptions<DashboardAuthOptions>>((o, auth) => ConfigureOpenIdConnect(o, auth.Value));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Viewer, p => p.RequireAuthenticatedUser())
            // Anything mapped without a policy of its own still needs a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Authentication and authorization in the pipeline, the login endpoint, and the sign-in link printed at start.</summary>
    public static WebApplication UseDashboardAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDashboardLogin();
        app.Lifetime.ApplicationStarted.Register(() => PrintAddresses(app));
        return app;
    }

    private static void PrintAddresses(WebApplication app)
    {
        var token = app.Services.GetRequiredService<AccessToken>();
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            Console.WriteLine($"Rollout Dashboard: {(token.Mode == AuthMode.Token ? token.LoginLink(address) : address)}");
        }

        if (token.Mode == AuthMode.Unsecured) Console.WriteLine("Unsecured: anyone who can reach this address can steer rollouts");
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, AuthMode mode)
    {
        o.Cookie.Name = "rollout.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        // A provider sends the browser back by a cross-site navigation; a Strict cookie would not be
        // sent on it and the sign-in would loop. The token link is opened directly, so Strict holds there.
        o.Cookie.SameSite = mode == AuthMode.OpenIdConnect ? SameSiteMode.Lax : SameSiteMode.Strict;
        o.ExpireTimeSpan = TimeSpan.FromHours(12);
        o.SlidingExpiration = true;
        if (mode == AuthMode.OpenIdConnect) o.ForwardChallenge = DashboardSchemes.OpenIdConnect;
        o.Events.OnRedirectToLogin = context => SignInPage.WriteAsync(context.HttpContext, wrongToken: false);
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = context =>
        {
            // A session from a token link lives only as long as that token: a restart with a new one ends it.
            var token = context.HttpContext.RequestServices.GetRequiredService<AccessToken>();
            if (context.Principal?.Identity?.AuthenticationType == DashboardSchemes.Token
                && context.Principal.FindFirst(AccessToken.FingerprintClaim)?.Value != token.Fingerprint)
                context.RejectPrincipal();
            return Task.CompletedTask;
        };
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, DashboardAuthOptions auth)
    {
        o.Authority = auth.Authority;
        o.ClientId = auth.ClientId;
        o.ClientSecret = auth.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.SignInScheme = DashboardSchemes.Cookie;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = auth.NameClaim;
        o.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
        o.RequireHttpsMetadata = !(Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            // Scripts and the hub get a 401; only a browser page is sent to the provider.
            if (!SignInPage.IsBrowserPage(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.HandleResponse();
            }

            return Task.CompletedTask;
        };
    }
}
