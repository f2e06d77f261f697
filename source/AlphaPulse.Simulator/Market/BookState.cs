namespace AlphaPulse.Simulator.Market;

/// <summary>A detached copy of a book at one update id: safe to read on any thread.</summary>
internal sealed record BookState(Instrument Instrument, long LastUpdateId, BookSide Bids, BookSide Asks);

/// <summary>Why a book at a requested update id cannot be produced.</summary>
internal enum HistoryLookup
{
    Found,
    TooOld,
    InFuture,
}
