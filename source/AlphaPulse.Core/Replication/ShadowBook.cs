using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// One replica's book of one symbol, rebuilt from that replica's ring the way any reader must (docs/shm-format.md
/// §5): a snapshot's first chunk resets, its last makes the book valid; deltas apply (size 0 removes); a book-reset
/// delta invalidates. What a merged reader fails over to. Single-threaded: the merged reader's thread.
/// </summary>
internal sealed class ShadowBook
{
    private bool _building;

    public OrderBook Book { get; } = new(64);

    /// <summary>The replica holds a complete snapshot and every delta since, with no reset after it.</summary>
    public bool Valid { get; private set; }

    /// <summary>The exchange sequence of the last book record applied (0: none).</summary>
    public long Sequence { get; private set; }

    /// <summary>A multi-record delta or snapshot is half applied: the book is between two exchange messages.</summary>
    public bool InBatch { get; private set; }

    /// <summary>Valid, complete and between messages: a book a merged reader may adopt.</summary>
    public bool Adoptable => Valid && !InBatch;

    public void Invalidate()
    {
        Valid = false;
        _building = false;
        InBatch = false;
        Book.Clear();
    }

    /// <summary>Applies one book record of this replica.</summary>
    public void Apply(in RecordView record, in BookView view)
    {
        var flags = record.Flags;
        var end = (flags & RecordFlags.BatchEnd) != 0;
        if (record.Type == RecordType.BookSnapshot)
        {
            if ((flags & RecordFlags.BookReset) != 0)
            {
                Book.Clear();
                Valid = false;
                _building = true;
            }
            ApplyLevels(view);
            if ((flags & RecordFlags.LastChunk) != 0)
            {
                Valid = _building;
                _building = false;
            }
        }
        else if ((flags & RecordFlags.BookReset) != 0)
        {
            Invalidate();
            return;
        }
        else if (Valid)
        {
            ApplyLevels(view);
        }
        Sequence = view.ExchangeSequence;
        InBatch = !end;
    }

    private void ApplyLevels(in BookView view)
    {
        foreach (var level in view.Bids)
        {
            _ = Book.Apply(BookSide.Bid, level.Price, level.Size);
        }
        foreach (var level in view.Asks)
        {
            _ = Book.Apply(BookSide.Ask, level.Price, level.Size);
        }
        Book.Sequence = view.ExchangeSequence;
    }
}
