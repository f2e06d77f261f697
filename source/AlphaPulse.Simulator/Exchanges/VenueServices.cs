using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// What the Coinbase and Kraken endpoints and their connections need from the simulator, in one object:
/// the settings, the models (for snapshots), the hub, the recent trades, the fault board, the clock, the
/// shutdown signal, and the instruments each venue lists.
/// </summary>
internal sealed record VenueServices(
    SimulatorSettings Settings, MarketRegistry Registry, FeedHub Hub, RecentTrades Recent, FaultBoard Board, TimeProvider Time,
    IHostApplicationLifetime Lifetime)
{
    /// <summary>The instruments <paramref name="venue"/> lists, as that venue's own instances (its own market).</summary>
    public IReadOnlyList<Instrument> InstrumentsOf(string venue) => Registry.InstrumentsOf(venue);

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
