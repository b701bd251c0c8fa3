using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Rollout.Contracts.Auth;
using Rollout.Emulator.Hosting;

namespace Rollout.Emulator.Grpc;

/// <summary>
/// Every call, unary or streaming, must carry one of <see cref="EmulatorOptions.ApiKeys"/>
/// (primary and secondary, for rotation), else it is answered Unauthenticated before any service runs.
/// </summary>
public sealed class ApiKeyInterceptor(IOptions<EmulatorOptions> options) : Interceptor
{
    // Hashed once: comparing fixed-length digests takes the same time whatever the key's length.
    private readonly byte[][] _keys = options.Value.ApiKeys.Select(Digest).ToArray();
    private readonly bool _anonymous = options.Value.AllowAnonymous && options.Value.ApiKeys.Count == 0;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        if (_anonymous) return;
        var presented = UpstreamKey.From(context.RequestHeaders);
        if (presented is null) throw new RpcException(new Status(StatusCode.Unauthenticated, "an upstream key is required"));
        var digest = Digest(presented);
        var match = false;
        foreach (var key in _keys) match |= CryptographicOperations.FixedTimeEquals(digest, key); // no early exit
        if (!match) throw new RpcException(new Status(StatusCode.Unauthenticated, "the upstream key is not valid"));
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
