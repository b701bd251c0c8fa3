using Rollout.Domain.Dashboard;

namespace Rollout.Client.Services;

/// <summary>Decodes a packed row block a slice at a time, yielding to the browser between slices.</summary>
internal static class RowSlices
{
    public static async Task<IReadOnlyList<InstanceView>> DecodeAsync(byte[] rows, int sliceRows)
    {
        List<InstanceView>? decoded = null;
        foreach (var slice in InstanceRowCodec.DecodeInSlices(rows, sliceRows))
        {
            if (decoded is null) decoded = [.. slice];
            else
            {
                await Task.Delay(1);
                decoded.AddRange(slice);
            }
        }

        return decoded ?? [];
    }
}
