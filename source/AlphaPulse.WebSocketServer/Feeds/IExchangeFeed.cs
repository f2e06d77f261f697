using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// The seam between the server and shared memory: one exchange's market data, however many collector
/// replicas write it — each trade and book update once, books kept complete across replica failures.
/// <see cref="MergedRingFeed"/> is the implementation (issue 5's merged reader). Single-threaded: only
/// the market hub's thread calls it.
/// </summary>
internal interface IExchangeFeed : IDisposable
{
    /// <summary>The symbols events refer to (id = <see cref="MergedEvent.Symbol"/>) with their scales. A new list instance means symbols were added: remap.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Monotonic time the feed opened: events published before it are the rings' history (rebuild books from it; do not broadcast its trades).</summary>
    long LiveFrom { get; }

    /// <summary>Records lost to lapping on any replica, over the feed's life.</summary>
    long Lost { get; }

    /// <summary>Times a symbol's book moved to another replica or a replica restarted.</summary>
    long Resyncs { get; }

    /// <summary>The collector replicas read, with their health figures (for metrics).</summary>
    IReadOnlyList<Replica> Replicas { get; }

    /// <summary>The complete book of a symbol, kept by the feed; valid after <see cref="MergedEventKind.BookSnapshot"/> until <see cref="MergedEventKind.BookReset"/>.</summary>
    OrderBook Book(int symbol);

    /// <summary>True while the symbol's book is complete (see <see cref="Book"/>).</summary>
    bool IsValid(int symbol);

    /// <summary>Loads the tables of rings found while their writers were starting up now, not at the next caught-up read (<see cref="Instruments"/> may change).</summary>
    void RefreshInstruments();

    /// <summary>The next event, or false when every replica is caught up.</summary>
    bool TryRead(out MergedEvent merged);
}
