using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// The seam between the server and shared memory: one exchange's records, whatever replicas sit
/// behind it. Today <see cref="ReplicaRingFeed"/> follows one replica ring at a time; the merged
/// per-exchange reader over all replicas (issue 5) replaces it behind this interface. Single-threaded:
/// only the market hub's thread calls it.
/// </summary>
internal interface IExchangeFeed : IDisposable
{
    /// <summary>Lower-case exchange name (<c>binance</c>), from the ring file name.</summary>
    string Exchange { get; }

    /// <summary>The instrument table records refer to. A new list instance means ids may have new meanings: remap and resynchronise books.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>True while the record just read was published before the feed opened (rebuilding books from the ring's history): apply it, do not broadcast it.</summary>
    bool IsReplaying { get; }

    /// <summary>Records lost to lapping, over the feed's life.</summary>
    long Lost { get; }

    /// <summary>Times the feed switched replica or saw a writer restart.</summary>
    long Resyncs { get; }

    /// <summary>The ring currently read (for stats and logs).</summary>
    string ActiveSource { get; }

    /// <summary>Loads the instrument table if the ring was found while its writer was starting up and the writer has published it since; true when <see cref="Instruments"/> changed.</summary>
    bool RefreshInstruments();

    /// <summary>Another replica ring of this exchange was discovered.</summary>
    void AddSource(string path);

    /// <summary>The next record, or false when caught up. A record with <see cref="RecordView.LostBefore"/> or <see cref="RecordView.IsNewEpoch"/> set means books must resynchronise from snapshots.</summary>
    bool TryRead(out RecordView record);
}
