namespace Rollout.Server.Api;

/// <summary>
/// GET /livez: the process answers HTTP. Anonymous, for load balancers and orchestrators that cannot
/// sign in; it holds no data (who watches and how the upstream fares stay behind /healthz's sign-in).
/// </summary>
public static class LivenessEndpoint
{
    public const string Path = "/livez";

    public static IEndpointRouteBuilder MapLiveness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Ok(new { status = "ok" })).ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }
}
