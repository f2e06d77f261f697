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

    public void Dispose() => Writer.Dispose();

    private RingWriter Open() => RingWriter.Open(Path, new RingOptions
    {
        SlotCount = Slots,
        InstrumentCapacity = 16,
        Instruments = [.. Symbols.Select(symbol => new InstrumentSpec(symbol, PriceScale, SizeScale))],
    });
}
