using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// Publishes one trade through a <see cref="RawRing"/> step by step, as <see cref="RingWriter"/> does
/// (docs/shm-format.md §6: claim, write, commit, advertise), stopping after any step — a writer that
/// dies there — or skipping the claim, as a broken writer would. Stateless.
/// </summary>
internal static unsafe class ProtocolSteps
{
    public static readonly string[] Names = ["claim", "write", "commit", "advertise"];

    /// <summary>Runs the steps up to and including <paramref name="lastStep"/> (an index into <see cref="Names"/>).</summary>
    public static void PublishUntil(RawRing ring, uint epoch, long sequence, in Trade trade, int lastStep)
    {
        var slot = ring.Slot(sequence);
        _ = Interlocked.Exchange(ref ring.SequenceWord(sequence), -sequence);
        if (lastStep >= 1)
        {
            Write(slot, epoch, trade);
        }

        if (lastStep >= 2)
        {
            Volatile.Write(ref ring.SequenceWord(sequence), sequence);
        }

        if (lastStep >= 3)
        {
            Volatile.Write(ref ring.PublishedSequence, sequence);
        }
    }

    /// <summary>
    /// The protocol without its claim, as a broken writer would run it: the slot shows the new sequence
    /// while the record is still being written. <paramref name="midWrite"/> runs between header and
    /// payload, where a reader copies a torn record.
    /// </summary>
    public static void PublishSkippingClaim(RawRing ring, uint epoch, long sequence, in Trade trade, Action midWrite)
    {
        var slot = ring.Slot(sequence);
        Volatile.Write(ref ring.SequenceWord(sequence), sequence);
        RecordEncoder.WriteHeader(slot, MonotonicClock.NowNanoseconds(), epoch, trade.InstrumentId, RecordType.Trade, RecordFlags.None, SlotDescriptor.TradeLength);
        midWrite();
        RecordEncoder.WriteTrade(slot, trade);
        Volatile.Write(ref ring.SequenceWord(sequence), sequence);
        Volatile.Write(ref ring.PublishedSequence, sequence);
    }

    private static void Write(byte* slot, uint epoch, in Trade trade)
    {
        RecordEncoder.WriteHeader(slot, MonotonicClock.NowNanoseconds(), epoch, trade.InstrumentId, RecordType.Trade, RecordFlags.None, SlotDescriptor.TradeLength);
        RecordEncoder.WriteTrade(slot, trade);
    }
}
