using System.Runtime.InteropServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// One book level in fixed point, exactly as stored in a slot (16 bytes). A size of zero in a
/// delta removes the level. Immutable; safe from any thread.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = SlotDescriptor.LevelSize)]
public readonly record struct PriceLevel(long Price, long Size);
