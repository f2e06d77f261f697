using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Publishes records into one ring file. One writer per file, enforced across processes (a second
/// writer is refused with the holder's pid; a dead holder's ring is taken over under a new epoch);
/// any number of lossy readers, which never slow it down. The instance is single-threaded: call it
/// from one thread. Publishing allocates nothing.
/// </summary>
/// <remarks>Publish protocol, in order (docs/shm-format.md §6): claim, write, commit, advertise.</remarks>
public sealed unsafe class RingWriter : IDisposable
{
    private readonly RingFile _file;
    private readonly int _maxLevels;
    private readonly int _instrumentCount;
    private long _next;
    private bool _disposed;

    private RingWriter(RingFile file, Instrument[] instruments, uint epoch, long next, bool created)
    {
        _file = file;
        _maxLevels = SlotDescriptor.MaxLevels(file.SlotSize);
        _instrumentCount = instruments.Length;
        Instruments = instruments;
        Epoch = epoch;
        _next = next;
        Created = created;
    }

    public string Path => _file.Path;

    /// <summary>This writer's epoch: 1 for a new file, one more than the previous writer's on takeover.</summary>
    public uint Epoch { get; }

    /// <summary>True when this writer created the file; false when it took over an existing ring.</summary>
    public bool Created { get; }

    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Sequence of the last record published (0 before the first record of a new ring).</summary>
    public long LastSequence => _next - 1;

    /// <summary>Most levels one book record carries; longer deltas and snapshots span several records.</summary>
    public int MaxLevelsPerRecord => _maxLevels;

    /// <summary>
    /// Creates the ring at <paramref name="path"/> (mode 0640, creating its directory), or takes over
    /// an existing one with the same geometry, and starts a new epoch.
    /// </summary>
    /// <exception cref="SharedMemoryException">Bad options, a bad file, or another live writer.</exception>
    public static RingWriter Open(string path, RingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options.Validate(path);
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory) && !OperatingSystem.IsWindows())
        {
            _ = Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        var file = RingFile.OpenForWrite(path, options, out var created);
        try
        {
            if (options.Prefault)
            {
                file.Prefault();
            }

            return Start(file, options, created);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public long PublishTrade(in Trade trade)
    {
        RequireInstrument(trade.InstrumentId);
        var slot = ClaimForOrderedWrites(out var sequence);
        RecordEncoder.WriteHeader(slot, MonotonicClock.NowNanoseconds(), Epoch, trade.InstrumentId, RecordType.Trade, RecordFlags.None, SlotDescriptor.TradeLength);
        RecordEncoder.WriteTrade(slot, trade);
        Commit(slot, sequence);
        return sequence;
    }

    /// <summary>
    /// Publishes changed levels (size 0 removes a level). More levels than <see cref="MaxLevelsPerRecord"/>
    /// span consecutive records numbered as snapshot chunks are (<c>ChunkIndex</c> 0 … <c>ChunkCount</c> − 1):
    /// <see cref="RecordFlags.BookReset"/> goes on the first, <see cref="RecordFlags.BatchEnd"/> on the last.
    /// <c>exchangeSequence</c> is the exchange's book sequence after this update (Binance <c>u</c>), 0 when it has
    /// none; every record of the delta carries it.
    /// </summary>
    /// <returns>Sequence of the last record written.</returns>
    public long PublishBookDelta(ushort instrumentId, long exchangeTime, long exchangeSequence, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, RecordFlags flags)
    {
        RequireInstrument(instrumentId);
        var chunks = RequireChunkCount(bids.Length + asks.Length);
        return PublishBook(RecordType.BookDelta, instrumentId, exchangeTime, exchangeSequence, bids, asks, flags, chunks);
    }

    /// <summary>
    /// Publishes a top-N snapshot in as many chunks as it needs, first chunk flagged <see cref="RecordFlags.BookReset"/>,
    /// last <see cref="RecordFlags.LastChunk"/> | <see cref="RecordFlags.BatchEnd"/>; then advertises it as the latest snapshot.
    /// <c>exchangeSequence</c> is the exchange's book sequence the snapshot shows (0: none), on every chunk.
    /// </summary>
    /// <returns>Sequence of the first chunk, where a lapped reader resumes.</returns>
    public long PublishBookSnapshot(ushort instrumentId, long exchangeTime, long exchangeSequence, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        RequireInstrument(instrumentId);
        var chunks = RequireChunkCount(bids.Length + asks.Length);

        var first = _next;
        _ = PublishBook(RecordType.BookSnapshot, instrumentId, exchangeTime, exchangeSequence, bids, asks, RecordFlags.BookReset | RecordFlags.BatchEnd | RecordFlags.LastChunk, chunks);

        // Release: a reader that finds this sequence in the instrument's row, or in the ring's
        // newest-snapshot word, finds every chunk committed before it.
        Volatile.Write(ref _file.InstrumentLatestSnapshot(instrumentId), first);
        Volatile.Write(ref _file.LatestSnapshot, first);
        return first;
    }

    /// <summary>A heartbeat carrying the writer's wall clock (unix ns); readers see the writer is alive.</summary>
    public long PublishHeartbeat(long wallClockUnixNs)
    {
        var slot = ClaimForOrderedWrites(out var sequence);
        RecordEncoder.WriteHeader(slot, MonotonicClock.NowNanoseconds(), Epoch, 0, RecordType.Heartbeat, RecordFlags.None, SlotDescriptor.HeartbeatLength);
        RecordEncoder.WriteHeartbeat(slot, wallClockUnixNs);
        Commit(slot, sequence);
        return sequence;
    }

    /// <summary>Unmaps the ring and releases the writer lock; the file stays for readers and the next writer.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    /// <summary>Step 1, claim: the slot's sequence word becomes −sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Claim(out long sequence)
    {
        sequence = _next;
        var slot = _file.Slot(sequence);

        // Full fence (Interlocked.Exchange): a reader still copying the slot's previous record must
        // see the claim before any byte of the new record lands (step 2 is plain stores).
        _ = Interlocked.Exchange(ref *(long*)slot, -sequence);
        return slot;
    }

    /// <summary>
    /// Step 1 of §6 for records written only with <see cref="RecordEncoder"/>'s ordered (release) stores, trades
    /// and heartbeats: each of those stores is ordered after the claim, so the claim needs no full fence and the
    /// writer does not stall until it owns the slot's line; its stores queue behind the claim instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* ClaimForOrderedWrites(out long sequence)
    {
        sequence = _next;
        var slot = _file.Slot(sequence);
        Volatile.Write(ref *(long*)slot, -sequence);
        return slot;
    }

    /// <summary>Steps 3 and 4, commit and advertise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Commit(byte* slot, long sequence)
    {
        // Release (Volatile.Write): header and payload are visible before the sequence word that commits them.
        Volatile.Write(ref *(long*)slot, sequence);

        // Release: advertised only after the slot is committed; read by readers starting or lapped.
        Volatile.Write(ref _file.PublishedSequence, sequence);
        _next = sequence + 1;
        PrefetchPayloadLines(_file.Slot(_next));
    }

    /// <summary>
    /// Brings the next slot's lines after its first into this core's cache while the writer waits for its
    /// next record, so that publish does not wait for them. The first line is left alone: readers poll it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchPayloadLines(byte* slot)
    {
        if (Sse.IsSupported)
        {
            for (var line = RingDescriptor.CacheLine; line < _file.SlotSize; line += RingDescriptor.CacheLine)
            {
                Sse.Prefetch0(slot + line);
            }
        }
    }

    private long PublishBook(RecordType type, ushort instrumentId, long exchangeTime, long exchangeSequence, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, RecordFlags flags, int chunks)
    {
        var sequence = 0L;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var bidCount = Math.Min(bids.Length, _maxLevels);
            var askCount = Math.Min(asks.Length, _maxLevels - bidCount);
            var chunkFlags = flags & ~(RecordFlags.BookReset | RecordFlags.BatchEnd | RecordFlags.LastChunk);
            chunkFlags |= chunk == 0 ? flags & RecordFlags.BookReset : RecordFlags.None;
            chunkFlags |= chunk == chunks - 1 ? flags & (RecordFlags.BatchEnd | RecordFlags.LastChunk) : RecordFlags.None;

            var slot = Claim(out sequence);
            RecordEncoder.WriteHeader(slot, MonotonicClock.NowNanoseconds(), Epoch, instrumentId, type, chunkFlags, SlotDescriptor.BookLength(bidCount + askCount));
            RecordEncoder.WriteBook(slot, exchangeTime, exchangeSequence, bids[..bidCount], asks[..askCount], chunk, chunks);
            Commit(slot, sequence);
            bids = bids[bidCount..];
            asks = asks[askCount..];
        }

        return sequence;
    }

    private int RequireChunkCount(int levels)
    {
        var chunks = Math.Max(1, (levels + _maxLevels - 1) / _maxLevels);
        if (chunks > ushort.MaxValue)
        {
            ThrowHelper.ThrowArgument($"a book record set has at most 65535 chunks: levels={levels}, perChunk={_maxLevels} (publish fewer levels)");
        }

        return chunks;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RequireInstrument(ushort instrumentId)
    {
        if (instrumentId >= _instrumentCount)
        {
            OnUnknownInstrument(instrumentId);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnUnknownInstrument(ushort instrumentId) =>
        ThrowHelper.ThrowArgument($"a record's instrument id is a row of the ring's instrument table: instrumentId={instrumentId}, instruments={_instrumentCount} (declare the instrument in RingOptions.Instruments)");

    /// <summary>(Re)start protocol: epoch 0, table and identity, recovered sequence, then the new epoch.</summary>
    private static RingWriter Start(RingFile file, RingOptions options, bool created)
    {
        var previous = file.Epoch;
        var epoch = previous == uint.MaxValue ? 1 : previous + 1;

        // Full fence: epoch 0 ("starting up") is visible before the table is rewritten, so a reader
        // loading the table retries instead of keeping a torn one.
        _ = Interlocked.Exchange(ref file.Epoch, 0u);
        var instruments = InstrumentTable.Write(file, options.Instruments);
        var next = RecoverNextSequence(file);
        file.EpochStartSequence = next;
        file.WriterPid = Libc.GetPid();
        file.WriterStartUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        file.PublishedSequence = next - 1;

        // Release: table, identity and sequences are visible before the epoch that announces them.
        Volatile.Write(ref file.Epoch, epoch);
        return new RingWriter(file, instruments, epoch, next, created);
    }

    /// <summary>
    /// The next sequence after a (possibly dead) previous writer: one past the highest committed
    /// record. A slot the dead writer claimed but never committed is claimed again with the same sequence.
    /// </summary>
    private static long RecoverNextSequence(RingFile file)
    {
        var highest = Volatile.Read(ref file.PublishedSequence);
        for (long i = 0; i < file.SlotCount; i++)
        {
            // Acquire, though no other writer can run: we hold the lock.
            var word = Volatile.Read(ref *(long*)file.Slot(i));
            highest = Math.Max(highest, word);
        }

        return Math.Max(highest, 0) + 1;
    }
}
