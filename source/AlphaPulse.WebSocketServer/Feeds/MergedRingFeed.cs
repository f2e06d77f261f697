using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// An exchange read through <see cref="ReplicatedReader"/> over every replica ring
/// <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> in the ring directory: trades and sequenced book updates
/// from whichever replica has them first, unsequenced books followed on one replica and failed over on
/// staleness, restart or loss (docs/replication.md). Single-threaded: the market hub's thread only.
/// Reading allocates nothing per event.
/// </summary>
internal sealed class MergedRingFeed : IExchangeFeed
{
    private readonly ReplicatedReader _reader;

    public MergedRingFeed(string exchange, string directory, IdleMode idle, TimeSpan staleAfter)
    {
        LiveFrom = MonotonicClock.NowNanoseconds();
        _reader = ReplicatedReader.Open(new ReplicationOptions { Exchange = exchange, Directory = directory, Idle = idle, StaleAfter = staleAfter });
    }

    public IReadOnlyList<Instrument> Instruments => _reader.Instruments;

    public long LiveFrom { get; }

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

    public IReadOnlyList<Replica> Replicas => _reader.Replicas;

    public OrderBook Book(int symbol) => _reader.Book(symbol);

    public bool IsValid(int symbol) => _reader.IsValid(symbol);

    public void RefreshInstruments() => _reader.RefreshInstruments();

    public bool TryRead(out MergedEvent merged) => _reader.TryRead(out merged);

    public void Dispose() => _reader.Dispose();
}
