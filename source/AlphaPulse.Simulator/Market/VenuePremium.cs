namespace AlphaPulse.Simulator.Market;

/// <summary>
/// One venue's premium over fair value, in ticks: a small mean-reverting wander within the profile's
/// limit, and now and then (about once per 20,000 steps) a dislocation of the profile's size that decays
/// back by a tenth of a percent a step. Stepped with the venue's model, from its seeded generator.
/// </summary>
internal sealed class VenuePremium(VenueProfile profile)
{
    private const int DislocationOdds = 20_000;

    private long _wander;
    private double _dislocation;

    public long Ticks => _wander + (long)_dislocation;

    public void Step(DeterministicRandom random)
    {
        var move = random.Next(3) - 1;
        // Past the limit the wander only turns back: it reverts to fair value.
        if (Math.Abs(_wander + move) <= profile.PremiumLimitTicks)
        {
            _wander += move;
        }
        _dislocation *= 0.999;
        if (random.Next(DislocationOdds) == 0)
        {
            _dislocation += random.NextBool() ? profile.DislocationTicks : -profile.DislocationTicks;
        }
    }
}
