using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Where a session hands normalised market data: it owns the books, validates them and publishes to the
/// ring. Single-threaded: call only under the connection's <see cref="FeedContext.Gate"/>.
/// </summary>
/// <remarks>
/// A book moves <c>Unsynchronised → Loading → Live</c>: <see cref="LoadSnapshot"/> starts loading,
/// <see cref="Apply"/> adds updates, and the first <see cref="Commit"/> validates the book and publishes
/// a top-N snapshot; while live each <see cref="Commit"/> validates and publishes only the changed levels.
/// <see cref="Reset"/> publishes a book-reset record and returns the book to unsynchronised. A book
/// that fails validation is never published.
/// </remarks>
public interface IMarketDataSink
{
    /// <summary>The collector's book for an instrument, read-only, for exchange-specific checks (Kraken's checksum) before <see cref="Commit"/>.</summary>
    ReadOnlyOrderBook Book(ushort instrumentId);

    /// <summary>True while the book is live (synchronised and publishing).</summary>
    bool IsLive(ushort instrumentId);

    /// <summary>Replaces the book with a snapshot at the exchange's <paramref name="sequence"/>, keeping <paramref name="truncateDepth"/> levels a side when &gt; 0; published at the next <see cref="Commit"/>.</summary>
    void LoadSnapshot(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth = 0);

    /// <summary>Applies absolute level sizes (zero removes) and records the book's sequence; <paramref name="truncateDepth"/> &gt; 0 then keeps only that many levels a side.</summary>
    void Apply(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth = 0);

    /// <summary>Validates the book and publishes what changed since the last commit; false when invalid (the book was reset: resynchronise).</summary>
    bool Commit(ushort instrumentId, long exchangeTime, long receiveTime);

    /// <summary>Publishes a book-reset record (if the book was published), clears it, and counts the resync.</summary>
    void Reset(ushort instrumentId, ResyncReason reason);

    /// <summary>Publishes a trade; false (and nothing published) when its id was already published. <paramref name="receiveTime"/> is the frame's monotonic receive time.</summary>
    bool PublishTrade(ushort instrumentId, long price, long size, TradeSide side, ulong tradeId, long exchangeTime, long receiveTime);
}
