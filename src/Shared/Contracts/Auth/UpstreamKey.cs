using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Rollout.Contracts.Auth;

/// <summary>How the dashboard proves itself to the scheduler: a bearer key in every call's metadata.</summary>
public static class UpstreamKey
{
    public const string Header = "authorization";
    public const string Scheme = "Bearer ";

    /// <summary>Keys shorter than this are refused in configuration: they could be guessed.</summary>
    public const int MinLength = 16;

    /// <summary>The key from a call's metadata, or null when there is none.</summary>
    public static string? From(Metadata headers)
    {
        var value = headers.GetValue(Header);
        return value is not null && value.StartsWith(Scheme, StringComparison.Ordinal) ? value[Scheme.Length..] : null;
    }
}

/// <summary>Adds the upstream key to every outgoing call, unary and streaming.</summary>
public sealed class UpstreamKeyCallInterceptor(string key) : Interceptor
{
    private readonly string _value = UpstreamKey.Scheme + key;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithKey(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithKey(context));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    private ClientInterceptorContext<TRequest, TResponse> WithKey<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var headers = context.Options.Headers ?? [];
        headers.Add(UpstreamKey.Header, _value);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
