using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Books a consumer rebuilds from a ring exactly as docs/shm-format.md §5 and §7 tell it to: a
/// snapshot's first chunk (BookReset) clears and starts the book, its LastChunk completes it; deltas
/// apply to complete books only; a delta flagged BookReset clears the book until the next snapshot;
/// any loss (LostBefore) drops every book until its next snapshot. Single-threaded.
/// </summary>
internal sealed class RebuiltBooks
{
    private readonly (SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks, BookState State)[] _books;

    public RebuiltBooks(int instruments) =>
        _books = [.. Enumerable.Range(0, instruments).Select(_ => (new SortedDictionary<long, long>(), new SortedDictionary<long, long>(), BookState.None))];

    private enum BookState
    {
        None,
        Building,
        Complete,
    }

    public bool IsComplete(int id) => _books[id].State == BookState.Complete;

    public string Describe(int id) => BookScript.Describe(_books[id].Bids, _books[id].Asks);

    public void Apply(in RecordView record)
    {
        if (record.LostBefore > 0)
        {
            for (var instrument = 0; instrument < _books.Length; instrument++)
            {
                Reset(instrument, BookState.None);
            }
        }

        if (record.Type is not (RecordType.BookDelta or RecordType.BookSnapshot))
        {
            return;
        }

        var id = record.InstrumentId;
        var book = record.Book;
        if (record.Type == RecordType.BookSnapshot)
        {
            if ((record.Flags & RecordFlags.BookReset) != 0)
            {
                Reset(id, BookState.Building);
            }

            if (_books[id].State == BookState.Building)
            {
                Levels(id, book);
                if ((record.Flags & RecordFlags.LastChunk) != 0)
                {
                    _books[id].State = BookState.Complete;
                }
            }

            return;
        }

        if ((record.Flags & RecordFlags.BookReset) != 0)
        {
            Reset(id, BookState.None);
        }
        else if (_books[id].State == BookState.Complete)
        {
            Levels(id, book);
        }
    }

    private void Reset(int id, BookState state)
    {
        _books[id].Bids.Clear();
        _books[id].Asks.Clear();
        _books[id].State = state;
    }

    private void Levels(int id, BookView book)
    {
        Set(_books[id].Bids, book.Bids);
        Set(_books[id].Asks, book.Asks);
    }

    private static void Set(SortedDictionary<long, long> side, ReadOnlySpan<PriceLevel> levels)
    {
        foreach (var level in levels)
        {
            if (level.Size == 0)
            {
                _ = side.Remove(level.Price);
            }
            else
            {
                side[level.Price] = level.Size;
            }
        }
    }
}
