using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// The seam between the exchange-neutral market model and one venue's public protocol. An exchange names
/// the instruments its own way, formats price levels its own way (for the truth endpoint too, so a
/// collector can compare text for text) and maps its own WebSocket and REST endpoints: Binance at
/// <c>/ws</c>, <c>/stream</c> and <c>/api/v3</c>, Coinbase at <c>/coinbase</c>, Kraken at <c>/kraken/v2</c>.
/// </summary>
internal interface IExchange
{
    /// <summary>Lower-case venue name used in paths such as <c>/truth/{exchange}/{symbol}</c>.</summary>
    string Name { get; }

    /// <summary>Whether the venue lists the instrument (Coinbase and Kraken: USD pairs only).</summary>
    bool Serves(Instrument instrument) => true;

    /// <summary>The venue's own symbol for an instrument (<c>BTCUSDT</c>, <c>BTC-USD</c>, <c>BTC/USD</c>).</summary>
    string SymbolOf(Instrument instrument);

    /// <summary>Writes one <c>[price, quantity]</c> level as the venue does in its snapshots.</summary>
    void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
