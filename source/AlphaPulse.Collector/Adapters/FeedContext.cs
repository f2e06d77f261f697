using AlphaPulse.Collector.Pipeline;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// What a session gets from the pipeline for one connection. Immutable; the objects it names follow
/// their own threading contracts (the sink and counters only under <see cref="Gate"/>).
/// </summary>
public sealed class FeedContext
{
    public required IReadOnlyList<InstrumentBinding> Instruments { get; init; }

    /// <summary>Where normalised book updates and trades go; call only while holding <see cref="Gate"/>.</summary>
    public required IMarketDataSink Sink { get; init; }

    /// <summary>Serialises frames and asynchronous completions (REST snapshots) of one connection.</summary>
    public required Lock Gate { get; init; }

    public required FeedCounters Counters { get; init; }

    /// <summary>REST base address for snapshot requests; null for exchanges that sync in-band.</summary>
    public Uri? RestUrl { get; init; }

    /// <summary>Levels per side a snapshot request asks for (Binance <c>limit</c>, Kraken <c>depth</c>).</summary>
    public required int BookDepth { get; init; }

    /// <summary>Decimal places of fixed-point prices and sizes (every instrument of the collector).</summary>
    public required byte PriceScale { get; init; }

    public required byte SizeScale { get; init; }

    /// <summary>The REST client (shared, thread-safe); null for exchanges that sync in-band.</summary>
    public HttpClient? Http { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>
    /// Test seam: the connection asked the exchange simulator for its <c>?updateIds=true</c> extension
    /// (docs/simulator.md), so Coinbase and Kraken book frames carry the model's update id, which the
    /// end-to-end tests compare books at. False against a real exchange: the readers then never look
    /// for the field.
    /// </summary>
    public bool SimulatorUpdateIds { get; init; }

    /// <summary>Cancelled when the connection ends: a session's pending work stops touching the sink.</summary>
    public required CancellationToken ConnectionClosed { get; init; }

    /// <summary>Length of a per-instrument array indexed by instrument id (the highest id + 1).</summary>
    public int InstrumentSlots
    {
        get
        {
            var count = 0;
            foreach (var instrument in Instruments)
            {
                count = Math.Max(count, instrument.Id + 1);
            }
            return count;
        }
    }

    /// <summary>The exchange's names of the instruments whose books are not live (rare path: error recovery).</summary>
    public List<string> NotLiveSymbols(ushort? only = null)
    {
        var symbols = new List<string>();
        foreach (var instrument in Instruments)
        {
            if (!Sink.IsLive(instrument.Id) && (only is null || only == instrument.Id))
            {
                symbols.Add(instrument.ExchangeSymbol);
            }
        }
        return symbols;
    }
}
