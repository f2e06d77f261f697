using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Bytes that book records occupy in the ring as written (slot header plus payload, per record;
/// docs/shm-format.md §4–5), for the delta compression ratio. Stateless; safe from any thread.
/// </summary>
public static class RecordSizes
{
    /// <summary>Bytes of the records carrying <paramref name="levels"/> levels at <paramref name="levelsPerRecord"/> a record (at least one record).</summary>
    public static long Book(int levels, int levelsPerRecord)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(levels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levelsPerRecord);
        var full = levels / levelsPerRecord;
        var rest = levels % levelsPerRecord;
        var bytes = (long)full * (SlotDescriptor.HeaderLength + SlotDescriptor.BookLength(levelsPerRecord));
        if (rest > 0 || levels == 0)
        {
            bytes += SlotDescriptor.HeaderLength + SlotDescriptor.BookLength(rest);
        }
        return bytes;
    }
}
