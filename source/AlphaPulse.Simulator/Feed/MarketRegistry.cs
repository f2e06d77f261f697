using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Feed;

/// <summary>The market models of the configured instruments, one per instrument, shared by every exchange.</summary>
internal sealed class MarketRegistry(SimulatorSettings settings)
{
    public IReadOnlyList<MarketModel> Models { get; } =
        settings.Instruments.Select(i => new MarketModel(i, settings.Seed, settings.Depth, settings.History)).ToArray();

    public MarketModel? Find(Instrument instrument)
    {
        foreach (var model in Models)
        {
            if (model.Instrument == instrument)
            {
                return model;
            }
        }
        return null;
    }
}
