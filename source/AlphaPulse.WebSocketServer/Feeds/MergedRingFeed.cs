using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// An exchange read through <see cref="ReplicatedReader"/> over every replica ring
/// <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> in the ring directory: trades and sequenced book updates
/// from whichever replica has them first, unsequenced books followed on one replica and failed over on
/// staleness, restart or loss (docs/replication.md): one reader per exchange, which finds the exchange's
/// replicas itself (<see cref="ReplicaDirectory.Scan"/>). Tests drive it through real rings; there is
/// no other implementation. Single-threaded: the market hub's thread only. Reading allocates nothing per event.
/// </summary>
internal sealed class MergedRingFeed : IDisposable
{
    private readonly ReplicatedReader _reader;

    public MergedRingFeed(string exchange, string directory, IdleMode idle, TimeSpan staleAfter)
    {
        LiveFrom = MonotonicClock.NowNanoseconds();
        _reader = ReplicatedReader.Open(new ReplicationOptions { Exchange = exchange, Directory = directory, Idle = idle, StaleAfter = staleAfter });
    }

    /// <summary>The symbols events refer to (id = <see cref="MergedEvent.Symbol"/>) with their scales. A new list instance means symbols were added: remap.</summary>
    public IReadOnlyList<Instrument> Instruments => _reader.Instruments;

    /// <summary>Monotonic time the feed opened: events published before it are the rings' history (rebuild books from it; do not broadcast its trades).</summary>
    public long LiveFrom { get; }

    /// <summary>Records lost to lapping on any replica, over the feed's life.</summary>
    public long Lost
    {
        get
        {
            var lost = 0L;
            foreach (var replica in _reader.Replicas)
            {
                lost += replica.RecordsLost;
            }

            return lost;
        }
    }

    /// <summary>Times a symbol's book moved to another replica or a replica restarted.</summary>
    public long Resyncs
    {
        get
        {
            var restarts = 0L;
            foreach (var replica in _reader.Replicas)
            {
                restarts += replica.EpochChanges;
            }

            return _reader.Failovers + restarts;
        }
    }

    /// <summary>The collector replicas read, with their health figures (for metrics).</summary>
    public IReadOnlyList<Replica> Replicas => _reader.Replicas;

    /// <summary>The complete book of a symbol, kept by the feed; valid after <see cref="MergedEventKind.BookSnapshot"/> until <see cref="MergedEventKind.BookReset"/>.</summary>
    public OrderBook Book(int symbol) => _reader.Book(symbol);

    public bool IsValid(int symbol) => _reader.IsValid(symbol);

    /// <summary>Loads the tables of rings found while their writers were starting up now, not at the next caught-up read (<see cref="Instruments"/> may change).</summary>
    public void RefreshInstruments() => _reader.RefreshInstruments();

    /// <summary>The next event, or false when every replica is caught up.</summary>
    public bool TryRead(out MergedEvent merged) => _reader.TryRead(out merged);

    public void Dispose() => _reader.Dispose();
}
