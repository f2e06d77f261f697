using AlphaPulse.Collector.Adapters;

namespace AlphaPulse.Bench.Collector;

/// <summary>A deterministic recording of one exchange's feed for one instrument, and how to replay it through that exchange's adapter. Immutable.</summary>
internal interface IVenueRecording
{
    /// <summary>The exchange, as metric prefix (<c>binance</c>).</summary>
    string Exchange { get; }

    /// <summary>The normalised symbol (<c>BTC-USD</c>).</summary>
    string Symbol { get; }

    /// <summary>Book depth to subscribe and publish.</summary>
    int Depth { get; }

    int TradeCount { get; }

    FrameStore Frames { get; }

    /// <summary>Frames sent before timing so the book is live (Binance: an empty event that triggers the answered snapshot; others: the snapshot).</summary>
    IReadOnlyList<byte[]> Priming { get; }

    IExchangeAdapter CreateAdapter();
}
