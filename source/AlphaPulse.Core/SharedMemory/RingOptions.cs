using System.Numerics;
using System.Text;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// What a writer creates (or expects to find) at a ring path: geometry and instrument table.
/// Configure before <see cref="RingWriter.Open"/>; not for concurrent mutation.
/// </summary>
public sealed class RingOptions
{
    /// <summary>Bytes per slot: a multiple of 64 in [128, 4096]. 256 holds 13 book levels per record.</summary>
    public int SlotSize { get; init; } = 256;

    /// <summary>Slots in the ring, a power of two. Readers further behind than this are lapped.</summary>
    public int SlotCount { get; init; } = 64 * 1024;

    /// <summary>Rows reserved for the instrument table (the table is sized once, at creation).</summary>
    public int InstrumentCapacity { get; init; } = 256;

    /// <summary>The instruments this writer publishes; an instrument's id is its index here.</summary>
    public IReadOnlyList<InstrumentSpec> Instruments { get; init; } = [];

    /// <summary>
    /// Fault every page of the ring in at open (8 MiB: 2,048 faults of ~1 µs each, once) instead of on
    /// the first publish into each page. Off by default: opening then costs a pass over the file.
    /// </summary>
    public bool Prefault { get; init; }

    internal void Validate(string path)
    {
        if (SlotSize < RingDescriptor.MinSlotSize || SlotSize > RingDescriptor.MaxSlotSize || SlotSize % RingDescriptor.CacheLine != 0)
        {
            Fail(path, $"slot size must be a multiple of 64 in [128, 4096]: slotSize={SlotSize} (use 256)");
        }

        if (SlotCount < RingDescriptor.MinSlotCount || SlotCount > RingDescriptor.MaxSlotCount || !BitOperations.IsPow2(SlotCount))
        {
            Fail(path, $"slot count must be a power of two in [2, 16777216]: slotCount={SlotCount} (use {BitOperations.RoundUpToPowerOf2((uint)Math.Max(SlotCount, 2))})");
        }

        if (InstrumentCapacity < 1 || InstrumentCapacity > RingDescriptor.MaxInstrumentCapacity || Instruments.Count > InstrumentCapacity)
        {
            Fail(path, $"instrument capacity must be in [1, 65535] and hold every instrument: capacity={InstrumentCapacity}, instruments={Instruments.Count} (raise InstrumentCapacity)");
        }

        for (var i = 0; i < Instruments.Count; i++)
        {
            var spec = Instruments[i];
            var bytes = Encoding.UTF8.GetByteCount(spec.Symbol);
            if (bytes is 0 or > RingDescriptor.MaxSymbolLength || spec.PriceScale > FixedPoint.MaxScale || spec.SizeScale > FixedPoint.MaxScale)
            {
                Fail(path, $"instrument symbol must be 1–32 UTF-8 bytes and scales in [0, 18]: symbol='{spec.Symbol}', bytes={bytes}, priceScale={spec.PriceScale}, sizeScale={spec.SizeScale} (shorten the symbol or lower the scale)");
            }
        }
    }

    private static void Fail(string path, string message) =>
        ThrowHelper.Throw(SharedMemoryError.InvalidArgument, path, message);
}

/// <summary>An instrument a writer declares: symbol and fixed-point scales. Immutable.</summary>
public readonly record struct InstrumentSpec(string Symbol, byte PriceScale, byte SizeScale);
