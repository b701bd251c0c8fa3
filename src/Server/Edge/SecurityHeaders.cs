using System.Security.Cryptography;

namespace Rollout.Server.Edge;

/// <summary>
/// Security headers on every response. The CSP allows only this origin's scripts, WebAssembly
/// compilation (Blazor) and, by per-request nonce, the import map Blazor writes inline; MudBlazor sets
/// inline styles, so styles keep 'unsafe-inline'.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "rollout.csp-nonce";

    /// <summary>This request's CSP nonce, for the inline scripts the page itself writes.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: nothing to escape in HTML
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "frame-ancestors 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy(Nonce(http));
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
