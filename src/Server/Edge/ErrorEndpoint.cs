namespace Rollout.Server.Edge;

/// <summary>Where the exception handler sends a failed request: a fixed answer, no stack trace, no upstream detail.</summary>
public static class ErrorEndpoint
{
    public const string Path = "/error";

    public static IEndpointRouteBuilder MapErrorEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, (HttpContext context) => Results.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Something went wrong",
            detail: "The dashboard could not complete this request. It has been logged; try again.",
            extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier }))
            .ExcludeFromDescription()
            .AllowAnonymous(); // a failed request of anyone, signed in or not, gets this fixed answer; it holds no data
        return endpoints;
    }
}
