using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// A deterministic Coinbase Exchange feed recording for BTC-USD (seeded): the level2 <c>snapshot</c>, then
/// <c>l2update</c>s of 1–6 <c>[side, price, size]</c> changes, <c>match</c>es (a fifth of the frames, trade_id +1,
/// sequence rising) and a <c>heartbeat</c> every thousand frames, as the documentation writes them. Immutable.
/// </summary>
internal sealed class CoinbaseRecording : IVenueRecording
{
    private const string Time = "2022-08-04T15:25:05.010758Z";

    public CoinbaseRecording(int frames, int seed)
    {
        var book = new SyntheticBook(seed, 1000);
        var random = book.Random;
        Priming = [Encoding.UTF8.GetBytes(Snapshot(book))];
        var tradeId = 5_000_000L;
        var sequence = 9_000_000_000L;
        var text = new StringBuilder();
        for (var f = 0; f < frames; f++)
        {
            _ = text.Clear();
            sequence += random.Next(1, 4);
            if (f % 1000 == 999)
            {
                _ = text.Append("{\"type\":\"heartbeat\",\"sequence\":").Append(sequence).Append(",\"last_trade_id\":").Append(tradeId - 1).Append(",\"product_id\":\"BTC-USD\",\"time\":\"").Append(Time).Append("\"}");
            }
            else if (random.Next(5) == 0)
            {
                var price = random.Next(2) == 0 ? book.Bids.First().Key : book.Asks.First().Key;
                _ = text.Append("{\"type\":\"match\",\"trade_id\":").Append(tradeId++).Append(",\"sequence\":").Append(sequence)
                    .Append(",\"maker_order_id\":\"ac928c66-ca53-498f-9c13-a110027a60e8\",\"taker_order_id\":\"132fb6ae-456b-4654-b4e0-d681ac05cea1\",\"time\":\"").Append(Time)
                    .Append("\",\"product_id\":\"BTC-USD\",\"size\":\"").Append(SyntheticBook.Size(book.NextSize())).Append("\",\"price\":\"").Append(SyntheticBook.Price(price))
                    .Append("\",\"side\":\"").Append(random.Next(2) == 0 ? "buy" : "sell").Append("\"}");
                TradeCount++;
            }
            else
            {
                _ = text.Append("{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[");
                var first = true;
                foreach (var (bid, price, size) in book.Next())
                {
                    _ = SyntheticBook.AppendSeparated(text, ref first).Append(bid ? "[\"buy\",\"" : "[\"sell\",\"").Append(SyntheticBook.Price(price)).Append("\",\"").Append(SyntheticBook.Size(size)).Append("\"]");
                }
                _ = text.Append("],\"time\":\"").Append(Time).Append("\"}");
            }
            Frames.Add(text.ToString());
        }
        _ = Frames.Freeze();
    }

    public string Exchange => "coinbase";

    public string Symbol => "BTC-USD";

    public int Depth => 1000;

    public int TradeCount { get; }

    public FrameStore Frames { get; } = new();

    public IReadOnlyList<byte[]> Priming { get; }

    public IExchangeAdapter CreateAdapter() => new CoinbaseAdapter();

    private static string Snapshot(SyntheticBook book)
    {
        var text = new StringBuilder("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[");
        AppendLevels(text, book.Bids);
        _ = text.Append("],\"asks\":[");
        AppendLevels(text, book.Asks);
        return text.Append("]}").ToString();
    }

    private static void AppendLevels(StringBuilder text, SortedDictionary<long, long> side)
    {
        var first = true;
        foreach (var (price, size) in side)
        {
            _ = SyntheticBook.AppendSeparated(text, ref first).Append("[\"").Append(SyntheticBook.Price(price)).Append("\",\"").Append(SyntheticBook.Size(size)).Append("\"]");
        }
    }
}
