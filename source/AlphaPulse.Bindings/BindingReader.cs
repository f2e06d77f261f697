using System.Runtime.CompilerServices;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings;

/// <summary>
/// One exchange's merged stream (<see cref="ReplicatedReader"/>, the WebSocket server's reader) turned into fixed
/// <see cref="NativeRecord"/>s for the C ABI: one record per trade, per changed level of a delta, per level of a
/// replaced book, and one per reset. An event is staged whole, then drained into the caller's buffer, so a batch
/// that ends mid-event continues with the rest of it on the next read. Threading: one thread at a time (the
/// handle's owner); reading allocates nothing once the staging array has grown to the largest book.
/// </summary>
internal sealed class BindingReader : IDisposable
{
    private readonly ReplicatedReader _reader;
    private NativeRecord[] _staged = new NativeRecord[256];
    private PriceLevel[] _levels = new PriceLevel[256];
    private int _stagedHead;
    private int _stagedCount;
    private long _delivered;

    private BindingReader(ReplicatedReader reader) => _reader = reader;

    public ReplicatedReader Merged => _reader;

    /// <summary>
    /// Opens the merged reader over every <c>&lt;exchange&gt;-*.ring</c> in <paramref name="directory"/>. Unlike the
    /// merged reader (which retries a bad ring at its next scan), a caller opening a reader is told now when there
    /// is no ring at all or a ring cannot be read (wrong version, bad file).
    /// </summary>
    public static BindingReader Open(string directory, string exchange, TimeSpan staleAfter)
    {
        RingCheck.RequireReadableRings(directory, exchange);
        var reader = ReplicatedReader.Open(new ReplicationOptions
        {
            Exchange = exchange,
            Directory = directory,
            StaleAfter = staleAfter,
            Idle = IdleMode.SpinThenYield,
        });
        return new BindingReader(reader);
    }

    /// <summary>Fills <paramref name="destination"/> with the records available now; returns how many.</summary>
    public int Read(Span<NativeRecord> destination)
    {
        var written = 0;
        while (true)
        {
            written += Drain(destination[written..]);
            if (written == destination.Length || !_reader.TryRead(out var merged))
            {
                break;
            }
            Stage(merged);
        }
        _delivered += written;
        return written;
    }

    public void Fill(ref NativeStats stats)
    {
        stats = default;
        foreach (var replica in _reader.Replicas)
        {
            stats.Records += replica.Records;
            stats.Lost += replica.RecordsLost;
            stats.Lapped += replica.Lapped;
            stats.Epochs += replica.EpochChanges;
            stats.LatencyNanoseconds = Math.Max(stats.LatencyNanoseconds, replica.LatencyNanoseconds);
        }
        stats.Delivered = _delivered;
        stats.Failovers = _reader.Failovers;
        stats.Duplicates = _reader.DuplicatesDropped;
        stats.Replicas = _reader.Replicas.Count;
        stats.Symbols = _reader.Instruments.Count;
        stats.Staged = _stagedCount;
    }

    public void Dispose() => _reader.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Drain(Span<NativeRecord> destination)
    {
        var count = Math.Min(destination.Length, _stagedCount);
        _staged.AsSpan(_stagedHead, count).CopyTo(destination);
        _stagedHead += count;
        _stagedCount -= count;
        if (_stagedCount == 0)
        {
            _stagedHead = 0;
        }
        return count;
    }

    private void Stage(in MergedEvent merged)
    {
        var symbol = (ushort)merged.Symbol;
        var replica = (byte)merged.Replica;
        switch (merged.Kind)
        {
            case MergedEventKind.Trade:
                var trade = merged.Trade;
                Add(new NativeRecord
                {
                    Price = trade.Price,
                    Size = trade.Size,
                    ExchangeTime = trade.ExchangeTime,
                    PublishTime = merged.PublishTime,
                    TradeId = trade.TradeId,
                    ReceiveTime = trade.ReceiveTime,
                    Symbol = symbol,
                    Kind = NativeRecordKind.Trade,
                    Side = (byte)trade.Side,
                    Flags = NativeRecordFlags.EventEnd | NativeRecordFlags.BatchEnd,
                    Replica = replica,
                });
                break;
            case MergedEventKind.BookDelta:
                var delta = Template(merged, NativeRecordKind.BookDelta);
                StageLevels(delta, merged.Bids, merged.Asks, merged.IsBatchEnd);
                break;
            case MergedEventKind.BookSnapshot:
                StageBook(Template(merged, NativeRecordKind.BookSnapshot), _reader.Book(merged.Symbol));
                break;
            case MergedEventKind.BookReset:
                StageLevels(Template(merged, NativeRecordKind.BookReset), default, default, batchEnd: true);
                break;
            default:
                break;
        }
    }

    private static NativeRecord Template(in MergedEvent merged, NativeRecordKind kind) => new()
    {
        ExchangeTime = merged.ExchangeTime,
        PublishTime = merged.PublishTime,
        Sequence = merged.ExchangeSequence,
        Symbol = (ushort)merged.Symbol,
        Kind = kind,
        Replica = (byte)merged.Replica,
    };

    /// <summary>The whole merged book, best first per side: what a consumer replaces its copy with.</summary>
    private void StageBook(NativeRecord template, OrderBook book)
    {
        var depth = Math.Max(book.BidCount, book.AskCount);
        if (_levels.Length < depth)
        {
            _levels = new PriceLevel[Math.Max(depth, _levels.Length * 2)];
        }
        var bids = _levels.AsSpan(0, book.CopyTop(BookSide.Bid, _levels));
        StageSide(template, bids, 0, last: book.AskCount == 0 ? bids.Length - 1 : -1, batchEnd: true);
        var asks = _levels.AsSpan(0, book.CopyTop(BookSide.Ask, _levels));
        StageSide(template, asks, 1, last: asks.Length - 1, batchEnd: true);
        if (book.IsEmpty)
        {
            StageLevels(template, default, default, batchEnd: true);
        }
    }

    private void StageLevels(NativeRecord template, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, bool batchEnd)
    {
        if (bids.IsEmpty && asks.IsEmpty)
        {
            template.Flags = NativeRecordFlags.NoLevel | NativeRecordFlags.EventEnd | (batchEnd ? NativeRecordFlags.BatchEnd : NativeRecordFlags.None);
            Add(template);
            return;
        }
        StageSide(template, bids, 0, last: asks.IsEmpty ? bids.Length - 1 : -1, batchEnd);
        StageSide(template, asks, 1, last: asks.Length - 1, batchEnd);
    }

    /// <summary>One record per level; the record at index <paramref name="last"/> ends the event.</summary>
    private void StageSide(NativeRecord template, ReadOnlySpan<PriceLevel> levels, byte side, int last, bool batchEnd)
    {
        template.Side = side;
        for (var i = 0; i < levels.Length; i++)
        {
            template.Price = levels[i].Price;
            template.Size = levels[i].Size;
            template.Flags = i == last ? NativeRecordFlags.EventEnd | (batchEnd ? NativeRecordFlags.BatchEnd : NativeRecordFlags.None) : NativeRecordFlags.None;
            Add(template);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(in NativeRecord record)
    {
        var end = _stagedHead + _stagedCount;
        if (end == _staged.Length)
        {
            Grow();
            end = _stagedHead + _stagedCount;
        }
        _staged[end] = record;
        _stagedCount++;
    }

    /// <summary>Rare path: a book deeper than any staged so far; compacts, and doubles when full.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var staged = _stagedCount * 2 >= _staged.Length ? new NativeRecord[_staged.Length * 2] : _staged;
        Array.Copy(_staged, _stagedHead, staged, 0, _stagedCount);
        _staged = staged;
        _stagedHead = 0;
    }
}
