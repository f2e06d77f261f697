using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// What the Coinbase and Kraken endpoints and their connections need from the simulator, in one object:
/// the settings, the models (for snapshots), the hub, the recent trades, the fault board, the clock, the
/// shutdown signal, and the instruments both venues list (the USD pairs).
/// </summary>
internal sealed record VenueServices(
    SimulatorSettings Settings, MarketRegistry Registry, FeedHub Hub, RecentTrades Recent, FaultBoard Board, TimeProvider Time,
    IHostApplicationLifetime Lifetime)
{
    public IReadOnlyList<Instrument> Instruments { get; } = Settings.Instruments.Where(InstrumentCatalog.IsUsd).ToArray();

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
