using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.TestProcess;

/// <summary>The three level patterns of <c>publish-wide-snapshots</c>: record n carries pattern n % 3 in every level.</summary>
public static class WideSnapshots
{
    public static PriceLevel[][] Patterns(int levels) =>
        [.. Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, levels).Select(i => new PriceLevel(((k + 1) * 100_000) - i, k + 1)).ToArray())];

    /// <summary>True when the record is one whole snapshot as the child wrote it: every level of its own pattern, its own number.</summary>
    public static bool IsWhole(in RecordView record)
    {
        if (record.Type != RecordType.BookSnapshot)
        {
            return false;
        }
        var book = record.Book;
        var k = (int)(book.ExchangeSequence % 3);
        var whole = book.ExchangeSequence == record.Sequence && book.Bids.Length > 0;
        for (var i = 0; i < book.Bids.Length && whole; i++)
        {
            whole = book.Bids[i] == new PriceLevel(((k + 1) * 100_000) - i, k + 1);
        }
        return whole;
    }
}
