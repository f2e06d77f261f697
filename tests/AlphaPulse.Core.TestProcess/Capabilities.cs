using System.Runtime.InteropServices;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this process, so that file permission bits
/// apply to it even when it runs as root (as the tests do), exactly as they apply to a service account.
/// </summary>
internal static unsafe partial class Capabilities
{
    private const uint Version3 = 0x20080522;
    private const uint DacOverride = 1u << 1;
    private const uint DacReadSearch = 1u << 2;

    public static void DropFileAccessOverrides()
    {
        var header = stackalloc uint[2] { Version3, 0 };
        var data = stackalloc uint[6];
        if (CapGet(header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: errno={Marshal.GetLastPInvokeError()}");
        }

        // data[0] = effective, data[1] = permitted, data[2] = inheritable (capabilities 0–31).
        data[0] &= ~(DacOverride | DacReadSearch);
        data[1] &= ~(DacOverride | DacReadSearch);
        data[2] &= ~(DacOverride | DacReadSearch);
        if (CapSet(header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: errno={Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(uint* header, uint* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(uint* header, uint* data);
}
