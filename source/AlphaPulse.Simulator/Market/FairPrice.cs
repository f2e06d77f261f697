namespace AlphaPulse.Simulator.Market;

/// <summary>
/// The fair value of one instrument that every venue's market follows (each with its own premium): a
/// seeded random walk in ticks, advanced whenever a venue's model steps — a twelfth as often as one model
/// alone used to walk, so three venues' books can keep up with it. One feed thread steps the models, so
/// the walk is deterministic for a given seed and set of venues. Not thread-safe.
/// </summary>
internal sealed class FairPrice(string instrument, ulong seed, long startTicks)
{
    private const int MoveOdds = 12;

    private readonly DeterministicRandom _random = new(seed ^ DeterministicRandom.StableHash("fair:" + instrument));

    public long Ticks { get; private set; } = startTicks;

    public void Step()
    {
        if (_random.Next(MoveOdds) == 0)
        {
            Ticks += _random.NextBool() ? 1 + _random.Next(3) : -1 - _random.Next(3);
        }
    }
}
