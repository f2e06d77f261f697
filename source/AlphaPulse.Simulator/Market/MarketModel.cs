namespace AlphaPulse.Simulator.Market;

/// <summary>
/// A deterministic, seeded order-book model for one instrument: a reference price that random-walks,
/// limit orders arriving near it (skewed towards the touch), cancels anywhere in the book, and market
/// orders that consume liquidity from the top and print trades. Integer ticks and lots throughout.
/// Threading: one stepping thread; readers (snapshots, truth) take <see cref="Gate"/> and copy.
/// </summary>
internal sealed class MarketModel
{
    /// <summary>The book's update id before the first step; large, like a real venue's.</summary>
    public const long InitialUpdateId = 1_000_000;

    /// <summary>The event sequence before the first step (Coinbase's sequence numbers are large too).</summary>
    public const long InitialSequence = 5_000_000_000;

    private const int MaxLevelsPerTrade = 3;

    private readonly DeterministicRandom _random;
    private readonly ChangeHistory _history;
    private readonly int _targetLevels;
    private readonly int _maxLevels;
    private readonly int _window;
    private readonly long _sizeUnitLots;
    private readonly List<(bool IsBid, long Price, long Previous)> _pending = new(8);
    private readonly int _halfSpread;
    // Set when this venue follows a shared fair price with its own premium; the reference walks alone otherwise.
    private readonly (FairPrice Fair, VenuePremium Premium)? _following;
    private long _referencePrice;
    private long _target;
    private long _nextTradeId = 1;
    private long _sequence = InitialSequence;

    /// <summary>
    /// A model of <paramref name="instrument"/>; with <paramref name="venue"/> and <paramref name="fair"/> its
    /// reference price follows the shared fair price plus the venue's premium, and new orders rest at
    /// least the venue's half-spread from it. Without them the reference walks on its own.
    /// </summary>
    public MarketModel(Instrument instrument, ulong seed, int targetLevels, int historyCapacity, VenueProfile? venue = null, FairPrice? fair = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetLevels, 10);
        Instrument = instrument;
        _random = new DeterministicRandom(seed ^ DeterministicRandom.StableHash(instrument.Venue.Length == 0 ? instrument.Name : $"{instrument.Venue}:{instrument.Name}"));
        _halfSpread = venue?.HalfSpreadTicks ?? 1;
        _following = venue is null || fair is null ? null : (fair, new VenuePremium(venue));
        _history = new ChangeHistory(historyCapacity);
        _targetLevels = targetLevels;
        _maxLevels = targetLevels + (targetLevels / 10);
        _window = 2 * targetLevels;
        // Order sizes come in units of 0.001 of the base asset (100_000 in 1e-8 units).
        _sizeUnitLots = Math.Max(1, 100_000 / instrument.LotE8);
        _referencePrice = instrument.StartPriceTicks;
        Bids = new PriceLadder(isBid: true, _maxLevels + 16);
        Asks = new PriceLadder(isBid: false, _maxLevels + 16);
        Seed(Bids, -1);
        Seed(Asks, +1);
        LastUpdateId = InitialUpdateId;
    }

    public Instrument Instrument { get; }

    /// <summary>Held for each step and by readers while they copy.</summary>
    public Lock Gate { get; } = new();

    public long LastUpdateId { get; private set; }

    public long OldestRetainedUpdateId => Math.Max(InitialUpdateId, LastUpdateId - _history.Capacity);

    internal PriceLadder Bids { get; }

    internal PriceLadder Asks { get; }

    /// <summary>Advances the market by one action and appends what it produced (trades, then the book update).</summary>
    public void Step(long timeMs, List<MarketEvent> output)
    {
        lock (Gate)
        {
            StepLocked(timeMs, output);
        }
    }

    private void StepLocked(long timeMs, List<MarketEvent> output)
    {
        WalkReference();
        var roll = _random.Next(100);
        if (_following is not null && (_target > Asks.BestPriceOr(_target) || _target < Bids.BestPriceOr(_target)) && roll < 15)
        {
            // Fair value moved past this venue's touch: traders take the stale side (the book follows).
            TakeLiquidity(timeMs, output);
        }
        else if (roll < 50)
        {
            AddLiquidity();
        }
        else if (roll < 88)
        {
            Cancel();
        }
        else
        {
            TakeLiquidity(timeMs, output);
        }
        Publish(timeMs, output);
    }

    public BookCapture Capture()
    {
        lock (Gate)
        {
            return new BookCapture(Instrument, LastUpdateId, Bids.Clone(), Asks.Clone())
            {
                Sequence = _sequence,
                LastTradeId = _nextTradeId - 1,
            };
        }
    }

    /// <summary>The book exactly as it was right after update id <paramref name="updateId"/> was applied.</summary>
    public HistoryLookup TryCaptureAt(long updateId, out BookCapture? state)
    {
        PriceLadder bids, asks;
        long latest;
        long[] prices, previous;
        lock (Gate)
        {
            state = null;
            if (updateId > LastUpdateId)
            {
                return HistoryLookup.InFuture;
            }
            if (updateId < OldestRetainedUpdateId)
            {
                return HistoryLookup.TooOld;
            }
            latest = LastUpdateId;
            bids = Bids.Clone();
            asks = Asks.Clone();
            prices = new long[latest - updateId];
            previous = new long[prices.Length];
            _history.CopyRange(updateId, latest, prices, previous);
        }
        // The undo itself runs outside the lock so a deep look-back never stalls the feed.
        ChangeHistory.Undo(bids, asks, prices, previous);
        state = new BookCapture(Instrument, updateId, bids, asks);
        return HistoryLookup.Found;
    }

    private void Seed(PriceLadder side, int direction)
    {
        var price = _referencePrice + (direction * _halfSpread);
        for (var i = 0; i < _targetLevels; i++)
        {
            side.Set(price, RandomSize(500));
            price += direction * (1 + _random.Next(3));
        }
    }

    private void WalkReference()
    {
        if (_following is var (fair, premium))
        {
            // Follow fair value plus this venue's premium, a few ticks a step at most.
            fair.Step();
            premium.Step(_random);
            _target = fair.Ticks + premium.Ticks;
            var gap = _target - _referencePrice;
            _referencePrice += Math.Clamp(gap, -1 - _random.Next(3), 1 + _random.Next(3));
        }
        else if (_random.Next(4) == 0)
        {
            _referencePrice += _random.NextBool() ? 1 + _random.Next(3) : -1 - _random.Next(3);
        }
        // The reference stays inside the touch so new orders never cross the book.
        _referencePrice = Math.Clamp(_referencePrice, Bids.BestPriceOr(_referencePrice), Asks.BestPriceOr(_referencePrice));
    }

    private void AddLiquidity()
    {
        var isBid = _random.NextBool();
        var side = isBid ? Bids : Asks;
        // Product of two uniforms: arrivals cluster near the touch and thin out with distance.
        var distance = (long)_random.Next(_window) * _random.Next(_window) / _window;
        var price = isBid
            ? Math.Min(_referencePrice - _halfSpread - distance, Asks.BestPriceOr(long.MaxValue) - 1)
            : Math.Max(_referencePrice + _halfSpread + distance, Bids.BestPriceOr(0) + 1);
        if (price <= 0 || (side.QuantityOf(price) == 0 && side.Count >= _maxLevels))
        {
            // The book is as deep as configured: join an existing level instead of opening a new one.
            price = side.PriceAt(_random.Next(side.Count));
        }
        Change(side, price, side.QuantityOf(price) + RandomSize(500));
    }

    private void Cancel()
    {
        var side = _random.NextBool() ? Bids : Asks;
        var level = _random.Next(side.Count);
        var price = side.PriceAt(level);
        var quantity = side.QuantityAt(level);
        var remaining = side.Count > _targetLevels && _random.NextBool() ? 0 : quantity - RandomSize(200);
        if (remaining <= 0)
        {
            remaining = side.Count > _targetLevels ? 0 : _sizeUnitLots;
        }
        if (remaining != quantity)
        {
            Change(side, price, remaining);
        }
    }

    private void TakeLiquidity(long timeMs, List<MarketEvent> output)
    {
        // Aggressors lean towards where the reference price has drifted, which moves the touch after it.
        var mid2 = Bids.BestPriceOr(_referencePrice) + Asks.BestPriceOr(_referencePrice);
        var towards = _following is null ? _referencePrice : _target;
        var buyOdds = towards * 2 > mid2 ? 3 : towards * 2 < mid2 ? 1 : 2;
        var isBuy = _random.Next(4) < buyOdds;
        var side = isBuy ? Asks : Bids;
        var wanted = RandomSize(300);
        for (var level = 0; level < MaxLevelsPerTrade && wanted > 0 && side.Count > 1; level++)
        {
            var price = side.PriceAt(0);
            var available = side.QuantityAt(0);
            var filled = Math.Min(wanted, available);
            output.Add(new Trade(Instrument, _nextTradeId++, price, filled, BuyerIsMaker: !isBuy, timeMs) { Sequence = ++_sequence });
            Change(side, price, available - filled);
            wanted -= filled;
        }
    }

    private void Change(PriceLadder side, long price, long quantity)
    {
        var previous = side.Set(price, quantity);
        foreach (var pending in _pending)
        {
            if (pending.IsBid == side.IsBid && pending.Price == price)
            {
                return;
            }
        }
        _pending.Add((side.IsBid, price, previous));
    }

    private void Publish(long timeMs, List<MarketEvent> output)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var first = LastUpdateId + 1;
        var bidCount = 0;
        foreach (var pending in _pending)
        {
            bidCount += pending.IsBid ? 1 : 0;
        }
        var bids = bidCount == 0 ? [] : new LevelChange[bidCount];
        var asks = bidCount == _pending.Count ? [] : new LevelChange[_pending.Count - bidCount];
        int b = 0, a = 0;
        foreach (var (isBid, price, previous) in _pending)
        {
            _history.Record(++LastUpdateId, isBid, price, previous);
            var change = new LevelChange(price, (isBid ? Bids : Asks).QuantityOf(price));
            if (isBid)
            {
                bids[b++] = change;
            }
            else
            {
                asks[a++] = change;
            }
        }
        _pending.Clear();
        output.Add(new BookUpdate(Instrument, first, LastUpdateId, timeMs, bids, asks) { Sequence = ++_sequence });
    }

    private long RandomSize(int maxUnits) => _sizeUnitLots * (1 + _random.Next(maxUnits));
}
