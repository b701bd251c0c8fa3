using System.Runtime.InteropServices;
using Microsoft.JSInterop;

namespace Rollout.Client.Components;

/// <summary>What the canvas components (the instance grid, the timeline) share with their script modules.</summary>
internal static class CanvasModule
{
    /// <summary>Ints as bytes for the script's typed arrays: one copy, not a JSON array; both sides are little-endian.</summary>
    public static byte[] Int32Bytes(int[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>Drops the script's object for <paramref name="handle"/>, then the module; a page already gone took both with it.</summary>
    public static async ValueTask DisposeAsync(IJSObjectReference? module, int handle)
    {
        if (module is null) return;
        try
        {
            await module.InvokeVoidAsync("dispose", handle);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is already gone, and the script with it.
        }
    }
}
