using System.Text;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Reads and writes the instrument table in a ring header. Writing belongs to the writer while it
/// (re)starts, bracketed by epoch 0; reading is a seqlock on the epoch so a reader never keeps a
/// table torn by a concurrent restart. Stateless; safe from any thread.
/// </summary>
internal static unsafe class InstrumentTable
{
    /// <summary>Writer only, while the header epoch is 0.</summary>
    public static Instrument[] Write(RingFile file, IReadOnlyList<InstrumentSpec> specs)
    {
        var table = new Instrument[specs.Count];
        for (var id = 0; id < specs.Count; id++)
        {
            var spec = specs[id];
            var entry = file.Base + RingDescriptor.InstrumentEntryOffset(id);
            var symbol = new Span<byte>(entry + RingDescriptor.InstrumentSymbolOffset, RingDescriptor.MaxSymbolLength);
            symbol.Clear();
            var length = Encoding.UTF8.GetBytes(spec.Symbol, symbol);
            entry[RingDescriptor.InstrumentSymbolLengthOffset] = (byte)length;
            entry[RingDescriptor.InstrumentPriceScaleOffset] = spec.PriceScale;
            entry[RingDescriptor.InstrumentSizeScaleOffset] = spec.SizeScale;

            // Reserved bytes and the row's newest snapshot start at 0: a new epoch has published none yet.
            new Span<byte>(entry + RingDescriptor.InstrumentSizeScaleOffset + 1, RingDescriptor.InstrumentEntrySize - RingDescriptor.InstrumentSizeScaleOffset - 1).Clear();
            table[id] = new Instrument((ushort)id, spec.Symbol, spec.PriceScale, spec.SizeScale);
        }

        file.InstrumentCount = specs.Count;
        return table;
    }

    /// <summary>
    /// Where a reader resumes so that every instrument's book can be rebuilt from the ring: the oldest
    /// of the instruments' newest snapshots that are still at or after <paramref name="oldestSafe"/>
    /// (§7); 0 when no instrument has one there. Instruments whose newest snapshot has left the ring
    /// are not waited for: they come back at their next snapshot.
    /// </summary>
    public static long OldestNewestSnapshot(RingFile file, long oldestSafe)
    {
        var count = Math.Clamp(Volatile.Read(ref file.InstrumentCount), 0, file.InstrumentCapacity);
        var resume = 0L;
        for (var id = 0; id < count; id++)
        {
            // Acquire: a sequence found here names a snapshot whose chunks are all committed.
            var snapshot = Volatile.Read(ref file.InstrumentLatestSnapshot(id));
            if (snapshot >= oldestSafe && snapshot > 0 && (resume == 0 || snapshot < resume))
            {
                resume = snapshot;
            }
        }

        return resume;
    }

    /// <summary>
    /// The table as of one epoch, and that epoch; an empty table with epoch 0 while a writer is
    /// starting up (the reader reloads when it sees a record of a newer epoch).
    /// </summary>
    public static (Instrument[] Table, uint Epoch) Read(RingFile file)
    {
        while (true)
        {
            // Acquire: the table is read after the epoch that guards it.
            var before = Volatile.Read(ref file.Epoch);
            if (before == 0)
            {
                return ([], 0);
            }

            var count = Math.Clamp(file.InstrumentCount, 0, file.InstrumentCapacity);
            var table = new Instrument[count];
            for (var id = 0; id < count; id++)
            {
                var entry = file.Base + RingDescriptor.InstrumentEntryOffset(id);
                var length = Math.Min((int)entry[RingDescriptor.InstrumentSymbolLengthOffset], RingDescriptor.MaxSymbolLength);
                var symbol = Encoding.UTF8.GetString(entry + RingDescriptor.InstrumentSymbolOffset, length);
                table[id] = new Instrument((ushort)id, symbol, entry[RingDescriptor.InstrumentPriceScaleOffset], entry[RingDescriptor.InstrumentSizeScaleOffset]);
            }

            // Full fence: every table byte is loaded before the epoch is checked again.
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref file.Epoch) == before)
            {
                return (table, before);
            }
        }
    }
}
