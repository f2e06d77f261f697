using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// Replica rings written in-process (<c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> in a temp directory), a merged reader over
/// them with a clock the test moves, and a consumer that applies the merged events to its own books as a server would.
/// </summary>
internal sealed class ReplicaSet : IDisposable
{
    private readonly TempRing _directory = new();
    private readonly Dictionary<string, RingWriter> _writers = [];
    private long _now = 1_000_000_000;

    public ReplicaSet(string exchange = "kraken") => Exchange = exchange;

    public string Exchange { get; }

    public ReplicatedReader? Reader { get; private set; }

    /// <summary>The consumer's books, rebuilt from merged events only.</summary>
    public Dictionary<int, OrderBook> Consumed { get; } = [];

    public List<Trade> Trades { get; } = [];

    public List<(MergedEventKind Kind, int Symbol, long Sequence)> Events { get; } = [];

    /// <summary>The replica's writer, started on first use declaring <paramref name="symbols"/> (default: BTC-USD alone) in that order.</summary>
    public RingWriter Writer(string replica, params string[] symbols)
    {
        if (!_writers.TryGetValue(replica, out var writer))
        {
            writer = OpenWriter(Path.Combine(_directory.Directory, $"{Exchange}-{replica}.ring"), new RingOptions
            {
                SlotCount = 1024,
                Instruments = [.. (symbols.Length > 0 ? symbols : ["BTC-USD"]).Select(symbol => new InstrumentSpec(symbol, 2, 8))],
            });
            _writers[replica] = writer;
        }
        return writer;
    }

    /// <summary>
    /// Opens a writer, waiting while this process still appears to hold the ring's lock after <see cref="Stop"/>:
    /// a child process another test is starting in this test host holds an inherited copy of the descriptor
    /// (and so the <c>flock</c>) between its fork and its exec, which on a loaded machine can be milliseconds.
    /// </summary>
    private static RingWriter OpenWriter(string path, RingOptions options)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                return RingWriter.Open(path, options);
            }
            catch (SharedMemoryException e) when (e.Error == SharedMemoryError.WriterActive && e.HolderPid == Environment.ProcessId && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Stops a replica's writer (its ring stays, as after a crash) so that a later <see cref="Writer"/> restarts it under a new epoch.</summary>
    public void Stop(string replica)
    {
        _writers[replica].Dispose();
        _ = _writers.Remove(replica);
    }

    public ReplicatedReader Open(TimeSpan? staleAfter = null) => Reader = ReplicatedReader.Open(new ReplicationOptions
    {
        Exchange = Exchange,
        Directory = _directory.Directory,
        StaleAfter = staleAfter ?? TimeSpan.FromSeconds(3),
        DiscoveryInterval = TimeSpan.FromMilliseconds(1),
        Clock = () => _now,
    });

    public void Advance(TimeSpan time) => _now += time.Ticks * 100;

    /// <summary>Moves the clock 10 ms (so new rings are discovered), reads every event available and applies it to <see cref="Consumed"/>.</summary>
    public ReplicaSet Drain()
    {
        Advance(TimeSpan.FromMilliseconds(10));
        while (Reader!.TryRead(out var e))
        {
            Events.Add((e.Kind, e.Symbol, e.ExchangeSequence));
            var book = Consumed.TryGetValue(e.Symbol, out var b) ? b : Consumed[e.Symbol] = new OrderBook();
            switch (e.Kind)
            {
                case MergedEventKind.Trade:
                    Trades.Add(e.Trade);
                    break;
                case MergedEventKind.BookDelta:
                    foreach (var level in e.Bids)
                    {
                        _ = book.Apply(BookSide.Bid, level.Price, level.Size);
                    }
                    foreach (var level in e.Asks)
                    {
                        _ = book.Apply(BookSide.Ask, level.Price, level.Size);
                    }
                    break;
                case MergedEventKind.BookSnapshot:
                    book.CopyFrom(Reader.Book(e.Symbol));
                    break;
                case MergedEventKind.BookReset:
                    book.Clear();
                    break;
                default:
                    break;
            }
        }
        return this;
    }

    public static PriceLevel[] Top(OrderBook book, BookSide side)
    {
        var levels = new PriceLevel[book.Count(side)];
        _ = book.CopyTop(side, levels);
        return levels;
    }

    public void Dispose()
    {
        Reader?.Dispose();
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
        _directory.Dispose();
    }
}
