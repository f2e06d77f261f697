using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// Decides, per book record of one replica, what happens to the merged book of its symbol (docs/replication.md):
/// <list type="bullet">
/// <item><b>Sequenced</b> (records carry the exchange's sequence, e.g. Binance): a delta is applied if it continues the
/// merged book exactly (the replica's previous sequence is the merged one) — whichever replica delivers it first;
/// the same sequence from another replica is a duplicate and dropped. A replica ahead on another chain is adopted
/// whole at the end of its message (a snapshot event).</item>
/// <item><b>Follow</b> (sequence 0: Kraken books, Coinbase level2): the symbol follows one replica, its leader; other
/// replicas only keep their own books, ready for a failover.</item>
/// </list>
/// Either way a leader that resets, restarts, loses records or goes stale is failed away from: to another replica's
/// complete book (a snapshot event), or, when none has one, the merged book is reset. Stateless; the merged
/// reader's thread only.
/// </summary>
internal static class BookArbiter
{
    /// <summary>One book record of replica <paramref name="r"/>; applies it to the replica's book, then to the merged book if it belongs there.</summary>
    public static MergedEventKind OnRecord(MergedSymbol merged, int symbol, Replica[] replicas, int r, in RecordView record, in BookView view)
    {
        var shadow = replicas[r].Book(symbol);
        var continues = shadow.Adoptable || (merged.BatchReplica == r && shadow.Valid);
        var previous = shadow.Sequence;
        shadow.Apply(record, view);
        if (record.Type == RecordType.BookDelta && (record.Flags & RecordFlags.BookReset) != 0)
        {
            return merged.Leader == r || merged.BatchReplica == r ? FailOver(merged, symbol, replicas, r) : MergedEventKind.None;
        }
        return view.ExchangeSequence != 0
            ? Sequenced(merged, symbol, replicas, r, record, view, continues, previous)
            : Follow(merged, symbol, replicas, r, record, view);
    }

    /// <summary>
    /// Replica <paramref name="lost"/> can no longer carry the symbol (reset, restart, lost records, stale): hand it to
    /// the best other replica, or reset the merged book when none holds a complete one.
    /// </summary>
    public static MergedEventKind FailOver(MergedSymbol merged, int symbol, Replica[] replicas, int lost)
    {
        var sequenced = merged.Sequence != 0;
        var halfApplied = merged.BatchReplica == lost;
        var best = -1;
        for (var i = 0; i < replicas.Length; i++)
        {
            var candidate = replicas[i].Book(symbol);
            if (i == lost || replicas[i].IsStale || !candidate.Adoptable || (sequenced && halfApplied && candidate.Sequence < merged.Sequence))
            {
                continue;
            }
            if (best < 0 || candidate.Sequence > replicas[best].Book(symbol).Sequence)
            {
                best = i;
            }
        }
        if (merged.Leader == lost && best >= 0)
        {
            replicas[lost].CountFailover();
        }
        if (best < 0)
        {
            return Reset(merged);
        }
        if (sequenced && !halfApplied && replicas[best].Book(symbol).Sequence <= merged.Sequence)
        {
            // The new leader is behind: its updates continue the merged book once it catches up (duplicates until then).
            merged.Leader = best;
            return MergedEventKind.None;
        }
        return Adopt(merged, replicas, best, symbol);
    }

    private static MergedEventKind Sequenced(MergedSymbol merged, int symbol, Replica[] replicas, int r, in RecordView record, in BookView view, bool continues, long previous)
    {
        var sequence = view.ExchangeSequence;
        var end = (record.Flags & RecordFlags.BatchEnd) != 0;
        var shadow = replicas[r].Book(symbol);
        if (record.Type == RecordType.BookSnapshot)
        {
            var isNew = !merged.Valid || sequence > merged.Sequence || merged.BatchReplica >= 0;
            return (record.Flags & RecordFlags.LastChunk) != 0 && shadow.Valid && isNew ? Adopt(merged, replicas, r, symbol) : MergedEventKind.None;
        }
        if (merged.BatchReplica == r && sequence == merged.Sequence && continues)
        {
            return ApplyDelta(merged, view, end ? -1 : r);
        }
        if (merged.Valid && sequence <= merged.Sequence)
        {
            replicas[r].CountDuplicate();
            return MergedEventKind.None;
        }
        if (merged.Valid && merged.BatchReplica < 0 && continues && previous == merged.Sequence)
        {
            merged.Sequence = sequence;
            return ApplyDelta(merged, view, end ? -1 : r);
        }

        // Ahead of the merged book, or on a chain that does not line up: take this replica's book once its message is whole.
        return end && shadow.Adoptable ? Adopt(merged, replicas, r, symbol) : MergedEventKind.None;
    }

    private static MergedEventKind Follow(MergedSymbol merged, int symbol, Replica[] replicas, int r, in RecordView record, in BookView view)
    {
        var shadow = replicas[r].Book(symbol);
        if (merged.Leader == r && merged.Valid)
        {
            if (record.Type == RecordType.BookSnapshot)
            {
                return (record.Flags & RecordFlags.LastChunk) != 0 && shadow.Valid ? Adopt(merged, replicas, r, symbol) : MergedEventKind.None;
            }
            return ApplyDelta(merged, view, -1);
        }
        return !merged.Valid && shadow.Adoptable ? Adopt(merged, replicas, r, symbol) : MergedEventKind.None;
    }

    private static MergedEventKind ApplyDelta(MergedSymbol merged, in BookView view, int batchReplica)
    {
        foreach (var level in view.Bids)
        {
            _ = merged.Book.Apply(BookSide.Bid, level.Price, level.Size);
        }
        foreach (var level in view.Asks)
        {
            _ = merged.Book.Apply(BookSide.Ask, level.Price, level.Size);
        }
        merged.Book.Sequence = merged.Sequence;
        merged.BatchReplica = batchReplica;
        return MergedEventKind.BookDelta;
    }

    /// <summary>The merged book becomes a copy of replica <paramref name="r"/>'s, which it follows from now on.</summary>
    private static MergedEventKind Adopt(MergedSymbol merged, Replica[] replicas, int r, int symbol)
    {
        var shadow = replicas[r].Book(symbol);
        merged.Book.CopyFrom(shadow.Book);
        merged.Sequence = shadow.Sequence;
        merged.Valid = true;
        merged.BatchReplica = -1;
        merged.Leader = r;
        return MergedEventKind.BookSnapshot;
    }

    /// <summary>
    /// Only a symbol's leader or half-applied replica fails over, and a symbol has either only while its merged book
    /// is valid (a leader is set only with a complete book): a reset always empties a book consumers hold.
    /// </summary>
    private static MergedEventKind Reset(MergedSymbol merged)
    {
        merged.Book.Clear();
        merged.Valid = false;
        merged.Sequence = 0;
        merged.BatchReplica = -1;
        merged.Leader = -1;
        return MergedEventKind.BookReset;
    }
}
