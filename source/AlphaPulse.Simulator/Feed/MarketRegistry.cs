using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Feed;

/// <summary>
/// The market models: one per venue and configured instrument the venue lists (<see cref="VenueProfile"/>),
/// each venue's around the instrument's shared fair price with its own spread, depth and premium, so the
/// venues' books differ as live ones do and cross-exchange opportunities appear now and then.
/// </summary>
internal sealed class MarketRegistry
{
    public MarketRegistry(SimulatorSettings settings)
    {
        var models = new List<MarketModel>();
        foreach (var instrument in settings.Instruments)
        {
            var fair = new FairPrice(instrument.Name, settings.Seed, instrument.StartPriceTicks);
            foreach (var venue in VenueProfile.All.Where(venue => venue.Lists(instrument)))
            {
                models.Add(new MarketModel(instrument.On(venue.Venue), settings.Seed, venue.LevelsFor(settings.Depth), settings.History, venue, fair));
            }
        }
        Models = models;
    }

    /// <summary>Every venue's models.</summary>
    public IReadOnlyList<MarketModel> Models { get; }

    public IEnumerable<MarketModel> ModelsOf(string venue) => Models.Where(model => model.Instrument.Venue == venue);

    /// <summary>The instruments <paramref name="venue"/> lists, as its own (venue-specific) instances.</summary>
    public IReadOnlyList<Instrument> InstrumentsOf(string venue) => [.. ModelsOf(venue).Select(model => model.Instrument)];

    /// <summary>The model of a venue's instrument (see <see cref="InstrumentsOf"/>).</summary>
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
