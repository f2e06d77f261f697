using System.Globalization;
using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// A deterministic Binance combined-stream recording (seeded): a BTCUSDT book of ~1,000 levels a side
/// around a random-walking mid, diff-depth events of 1–12 changed levels (a fifth of them removals,
/// most near the top of the book, crossing levels removed in the same event as real books do) and
/// trades, as Binance's documented JSON with 8-decimal strings. Immutable after construction.
/// </summary>
internal sealed class BinanceRecording : IVenueRecording
{
    private const long Tick = 1_000_000;
    private const int BookDepth = 1000;

    public BinanceRecording(int frames, int seed)
    {
        var random = new Random(seed);
        var mid = 6_701_234L;
        var bids = new SortedSet<long>();
        var asks = new SortedSet<long>();
        var snapshot = new StringBuilder("{\"lastUpdateId\":1000,\"bids\":[");
        for (var i = 1; i <= BookDepth; i++)
        {
            _ = bids.Add(mid - i);
            _ = asks.Add(mid + i);
        }
        AppendLevels(snapshot, bids.Reverse(), random).Append("],\"asks\":[");
        AppendLevels(snapshot, asks, random).Append("]}");
        SnapshotBody = Encoding.UTF8.GetBytes(snapshot.ToString());

        var text = new StringBuilder();
        var updateId = 1001L;
        var tradeId = 5_000_000L;
        var time = 1_672_515_782_136L;
        for (var f = 0; f < frames; f++)
        {
            _ = text.Clear();
            time += random.Next(0, 3);
            if (random.Next(5) == 0)
            {
                AppendTrade(text, tradeId++, random.Next(2) == 0 ? bids.Max : asks.Min, random, time);
                TradeCount++;
            }
            else
            {
                mid += random.Next(3) - 1;
                var changes = random.Next(1, 13);
                AppendDepth(text, updateId, updateId + changes - 1, time, mid, changes, bids, asks, random);
                updateId += changes;
            }
            Frames.Add(text.ToString());
        }
        _ = Frames.Freeze();
        Priming = [PrimingFrame];
    }

    public string Exchange => "binance";

    public string Symbol => "BTC-USDT";

    public int Depth => BookDepth;

    public int TradeCount { get; }

    public FrameStore Frames { get; } = new();

    public IReadOnlyList<byte[]> Priming { get; }

    /// <summary>The REST snapshot the recording starts from (<c>lastUpdateId</c> 1000; the first event has <c>U</c> = 1001).</summary>
    public byte[] SnapshotBody { get; }

    /// <summary>
    /// An empty event with update id 1000, sent before the recording: the procedure needs a buffered
    /// event no newer than the snapshot (step 4), and this one is then dropped as already contained (step 5).
    /// </summary>
    public byte[] PrimingFrame { get; } = Encoding.UTF8.GetBytes("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BTCUSDT","U":1000,"u":1000,"b":[],"a":[]}}""");

    public IExchangeAdapter CreateAdapter() => new BinanceAdapter(new RecordedSnapshot(SnapshotBody));

    private static void AppendDepth(StringBuilder text, long first, long final, long time, long mid, int changes, SortedSet<long> bids, SortedSet<long> asks, Random random)
    {
        var bidText = new StringBuilder();
        var askText = new StringBuilder();
        for (var i = 0; i < changes; i++)
        {
            var isBid = random.Next(2) == 0;
            // Most activity is near the top: offsets from the mid fall off geometrically.
            var offset = 1 + (int)Math.Min(BookDepth * 1.2, -Math.Log(1 - random.NextDouble()) * 25);
            var price = isBid ? mid - offset : mid + offset;
            var remove = random.Next(5) == 0;
            var (side, other, sideText, otherText) = isBid ? (bids, asks, bidText, askText) : (asks, bids, askText, bidText);
            if (remove && side.Contains(price))
            {
                _ = side.Remove(price);
                Level(sideText, price, 0);
                continue;
            }
            _ = side.Add(price);
            Level(sideText, price, random.Next(1, 500_000));
            // A new level through the opposite best removes what it crossed, in the same event.
            while (other.Count > 0 && (isBid ? other.Min <= price : other.Max >= price))
            {
                var crossed = isBid ? other.Min : other.Max;
                _ = other.Remove(crossed);
                Level(otherText, crossed, 0);
            }
        }
        _ = text.Append("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":").Append(time)
            .Append(",\"s\":\"BTCUSDT\",\"U\":").Append(first).Append(",\"u\":").Append(final)
            .Append(",\"b\":[").Append(bidText).Append("],\"a\":[").Append(askText).Append("]}}");
    }

    private static void AppendTrade(StringBuilder text, long id, long price, Random random, long time) =>
        _ = text.Append("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":").Append(time)
            .Append(",\"s\":\"BTCUSDT\",\"t\":").Append(id).Append(",\"p\":\"").Append(Decimal(price * Tick))
            .Append("\",\"q\":\"").Append(Decimal(random.Next(1, 100_000) * 100L)).Append("\",\"T\":").Append(time)
            .Append(",\"m\":").Append(random.Next(2) == 0 ? "true" : "false").Append(",\"M\":true}}");

    private static StringBuilder AppendLevels(StringBuilder text, IEnumerable<long> prices, Random random)
    {
        foreach (var price in prices)
        {
            Level(text, price, random.Next(1, 500_000));
        }
        return text;
    }

    private static void Level(StringBuilder text, long price, long sizeUnits)
    {
        if (text.Length > 0 && text[^1] == ']')
        {
            _ = text.Append(',');
        }
        _ = text.Append("[\"").Append(Decimal(price * Tick)).Append("\",\"").Append(Decimal(sizeUnits * 100)).Append("\"]");
    }

    /// <summary>Binance's 8-decimal text: 67012.34000000.</summary>
    private static string Decimal(long eightDecimals) =>
        (eightDecimals / 100_000_000).ToString(CultureInfo.InvariantCulture) + "." + (eightDecimals % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The recording's REST snapshot, already answered.</summary>
    private sealed class RecordedSnapshot(byte[] body) : IDepthSnapshotSource
    {
        public Task<byte[]> FetchAsync(string exchangeSymbol, int limit, CancellationToken cancellationToken) => Task.FromResult(body);
    }
}
