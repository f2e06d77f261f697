using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// A deterministic Kraken v2 recording for BTC/USD at depth 1000 (seeded): the book <c>snapshot</c>, then book
/// <c>update</c>s of 1–6 levels with bare-number prices and quantities and the CRC-32 of the top 10 after each
/// (computed by the shared core's <see cref="KrakenChecksum"/> from the generator's own book, truncated to the
/// depth as Kraken's guide says), and <c>trade</c>s (a fifth of the frames, trade_id +1). Immutable.
/// </summary>
internal sealed class KrakenRecording : IVenueRecording
{
    private const int BookDepth = 1000;
    private const string Time = "2023-10-06T17:35:55.440295Z";

    private readonly KrakenChecksum _checksum = new();

    public KrakenRecording(int frames, int seed)
    {
        var book = new SyntheticBook(seed, 700);
        var random = book.Random;
        Priming = [Encoding.UTF8.GetBytes(Book("snapshot", [.. book.Bids.Select(l => (true, l.Key, l.Value)), .. book.Asks.Select(l => (false, l.Key, l.Value))], book))];
        var tradeId = 4_665_906L;
        var text = new StringBuilder();
        for (var f = 0; f < frames; f++)
        {
            _ = text.Clear();
            if (random.Next(5) == 0)
            {
                var price = random.Next(2) == 0 ? book.Bids.First().Key : book.Asks.First().Key;
                _ = text.Append("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"").Append(random.Next(2) == 0 ? "buy" : "sell")
                    .Append("\",\"price\":").Append(SyntheticBook.Price(price)).Append(",\"qty\":").Append(SyntheticBook.Size(book.NextSize()))
                    .Append(",\"ord_type\":\"market\",\"trade_id\":").Append(tradeId++).Append(",\"timestamp\":\"").Append(Time).Append("\"}]}");
                Frames.Add(text.ToString());
                TradeCount++;
                continue;
            }
            var changes = book.Next();
            book.TruncateTo(BookDepth);
            Frames.Add(Book("update", changes, book));
        }
        _ = Frames.Freeze();
    }

    public string Exchange => "kraken";

    public string Symbol => "BTC-USD";

    public int Depth => BookDepth;

    public int TradeCount { get; }

    public FrameStore Frames { get; } = new();

    public IReadOnlyList<byte[]> Priming { get; }

    public IExchangeAdapter CreateAdapter() => new KrakenAdapter();

    private string Book(string type, IReadOnlyList<(bool Bid, long Price, long Size)> levels, SyntheticBook book)
    {
        var text = new StringBuilder("{\"channel\":\"book\",\"type\":\"").Append(type).Append("\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[");
        AppendSide(text, levels, bid: true);
        _ = text.Append("],\"asks\":[");
        AppendSide(text, levels, bid: false);
        return text.Append("],\"checksum\":").Append(Checksum(book)).Append(",\"timestamp\":\"").Append(Time).Append("\"}]}").ToString();
    }

    private static void AppendSide(StringBuilder text, IReadOnlyList<(bool Bid, long Price, long Size)> levels, bool bid)
    {
        var first = true;
        foreach (var level in levels)
        {
            if (level.Bid == bid)
            {
                _ = SyntheticBook.AppendSeparated(text, ref first).Append("{\"price\":").Append(SyntheticBook.Price(level.Price)).Append(",\"qty\":").Append(SyntheticBook.Size(level.Size)).Append('}');
            }
        }
    }

    /// <summary>Top 10 asks then top 10 bids; cents and lots are exactly the digits of the 2- and 8-decimal text.</summary>
    private uint Checksum(SyntheticBook book)
    {
        foreach (var side in (SortedDictionary<long, long>[])[book.Asks, book.Bids])
        {
            foreach (var (price, size) in side.Take(KrakenChecksum.Levels))
            {
                _checksum.AppendLevel((ulong)price, (ulong)size);
            }
        }
        return _checksum.Complete();
    }
}
