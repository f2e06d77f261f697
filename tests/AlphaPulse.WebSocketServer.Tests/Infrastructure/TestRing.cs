using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// A collector stand-in: a real <see cref="RingWriter"/> on <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c>
/// in a test's ring directory, with prices at scale 2 and sizes at scale 4. Single-threaded.
/// </summary>
internal sealed class TestRing : IDisposable
{
    public const byte PriceScale = 2;
    public const byte SizeScale = 4;

    private ulong _tradeId;
    private long _bookSequence;

    public TestRing(string directory, string exchange, params string[] symbols)
        : this(directory, exchange, "a", 1024, symbols)
    {
    }

    public TestRing(string directory, string exchange, string replica, int slots, params string[] symbols)
    {
        Path = SharedMemoryPath.ForStream(directory, exchange + "-" + replica);
        Symbols = symbols;
        Slots = slots;
        Writer = Open();
    }

    public string Path { get; }

    public string[] Symbols { get; }

    public RingWriter Writer { get; private set; }

    private int Slots { get; }

    /// <summary>Price in whole units → fixed point at <see cref="PriceScale"/>.</summary>
    public static long Price(decimal units) => (long)(units * 100);

    public static long Size(decimal units) => (long)(units * 10_000);

    public long Trade(ushort instrument, decimal price, decimal size, TradeSide side = TradeSide.Buy) =>
        Writer.PublishTrade(new Trade(instrument, Price(price), Size(size), side, ++_tradeId, 1_700_000_000_000_000_000, 1_700_000_000_000_000_000));

    public long Snapshot(ushort instrument, PriceLevel[] bids, PriceLevel[] asks) =>
        Writer.PublishBookSnapshot(instrument, 1_700_000_000_000_000_000, ++_bookSequence, bids, asks);

    public long Delta(ushort instrument, PriceLevel[] bids, PriceLevel[] asks) =>
        Writer.PublishBookDelta(instrument, 1_700_000_000_000_000_000, ++_bookSequence, bids, asks, RecordFlags.BatchEnd);

    /// <summary>The writer process "restarts": the ring is taken over under a new epoch.</summary>
    public void Restart()
    {
        Writer.Dispose();
        Writer = Open();
    }

    /// <summary>
    /// Puts the ring back into the writer's start-up window (header epoch 0, docs/shm-format.md §2 and
    /// §9) until the returned scope ends, which publishes the epoch again — as a collector does between
    /// creating its ring and publishing its instrument table.
    /// </summary>
    public IDisposable StartingUp()
    {
        const int EpochOffset = 64;
        var file = System.IO.MemoryMappedFiles.MemoryMappedFile.CreateFromFile(Path, FileMode.Open);
        var header = file.CreateViewAccessor(EpochOffset, sizeof(uint));
        var epoch = header.ReadUInt32(0);
        header.Write(0, 0u);
        return new Scope(() =>
        {
            header.Write(0, epoch);
            header.Dispose();
            file.Dispose();
        });
    }

    public void Dispose() => Writer.Dispose();

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private RingWriter Open() => RingWriter.Open(Path, new RingOptions
    {
        SlotCount = Slots,
        InstrumentCapacity = 16,
        Instruments = [.. Symbols.Select(symbol => new InstrumentSpec(symbol, PriceScale, SizeScale))],
    });
}
