using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>
/// Rebuilds every instrument's book from a ring the way a reader must: snapshot chunks (the first
/// resets), deltas (size 0 removes), reset records (the book is invalid until the next snapshot).
/// Also counts what it saw. Single-threaded test helper.
/// </summary>
internal sealed class RingBooks : IDisposable
{
    private readonly RingReader _reader;
    private readonly Dictionary<ushort, OrderBook> _books = [];
    private readonly Dictionary<ushort, bool> _valid = [];

    public RingBooks(string path)
    {
        _reader = RingReader.Open(path, new ReaderOptions { Start = StartPosition.Oldest, Idle = IdleMode.SpinThenYield });
    }

    public int Snapshots { get; private set; }

    public int Deltas { get; private set; }

    public int Resets { get; private set; }

    public List<Trade> Trades { get; } = [];

    /// <summary>Every book record in ring order: its instrument, type, flags, exchange time and exchange sequence.</summary>
    public List<(ushort InstrumentId, RecordType Type, RecordFlags Flags, long ExchangeTime, long ExchangeSequence)> BookRecords { get; } = [];

    public int Heartbeats { get; private set; }

    public long Lost => _reader.Lost;

    public IReadOnlyList<Instrument> Instruments => _reader.Instruments;

    /// <summary>Reads every record committed so far.</summary>
    public RingBooks Drain()
    {
        while (_reader.TryRead(out var record))
        {
            Apply(record);
        }
        return this;
    }

    public OrderBook Book(ushort id) => _books.TryGetValue(id, out var book) ? book : _books[id] = new OrderBook();

    /// <summary>True when the reader holds a complete snapshot and every delta since, with no reset after it.</summary>
    public bool IsValid(ushort id) => _valid.TryGetValue(id, out var valid) && valid;

    public static PriceLevel[] Top(OrderBook book, BookSide side, int depth) => Top(book.AsReadOnly(), side, depth);

    public static PriceLevel[] Top(ReadOnlyOrderBook book, BookSide side, int depth)
    {
        var levels = new PriceLevel[Math.Min(depth, book.Count(side))];
        _ = book.CopyTop(side, levels);
        return levels;
    }

    public void Dispose() => _reader.Dispose();

    private void Apply(RecordView record)
    {
        var id = record.InstrumentId;
        switch (record.Type)
        {
            case RecordType.Trade:
                Trades.Add(record.Trade);
                break;
            case RecordType.Heartbeat:
                Heartbeats++;
                break;
            case RecordType.BookSnapshot:
                var chunk = record.Book;
                BookRecords.Add((id, record.Type, record.Flags, chunk.ExchangeTime, chunk.ExchangeSequence));
                if ((record.Flags & RecordFlags.BookReset) != 0)
                {
                    Book(id).Clear();
                    _valid[id] = false;
                }
                ApplyLevels(Book(id), chunk.Bids, chunk.Asks);
                if ((record.Flags & RecordFlags.LastChunk) != 0)
                {
                    _valid[id] = true;
                    Snapshots++;
                }
                break;
            case RecordType.BookDelta:
                BookRecords.Add((id, record.Type, record.Flags, record.Book.ExchangeTime, record.Book.ExchangeSequence));
                if ((record.Flags & RecordFlags.BookReset) != 0)
                {
                    Book(id).Clear();
                    _valid[id] = false;
                    Resets++;
                    break;
                }
                var delta = record.Book;
                ApplyLevels(Book(id), delta.Bids, delta.Asks);
                Deltas++;
                break;
            default:
                break;
        }
    }

    private static void ApplyLevels(OrderBook book, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        foreach (var level in bids)
        {
            _ = book.Apply(BookSide.Bid, level.Price, level.Size);
        }
        foreach (var level in asks)
        {
            _ = book.Apply(BookSide.Ask, level.Price, level.Size);
        }
    }
}
