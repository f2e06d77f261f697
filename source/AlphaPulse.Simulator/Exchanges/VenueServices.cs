using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// What a Coinbase or Kraken connection needs from the simulator, in one object: the settings, the
/// models (for snapshots), the hub, the recent trades, the clock, and the instruments the venue serves.
/// </summary>
internal sealed record VenueServices(
    SimulatorSettings Settings, MarketRegistry Registry, FeedHub Hub, RecentTrades Recent, TimeProvider Time, IReadOnlyList<Instrument> Instruments)
{
    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
