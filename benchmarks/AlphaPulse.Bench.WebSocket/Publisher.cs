using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>
/// Publishes the busy symbol's stream at a fixed rate, alternating trades and top-of-book deltas:
/// into the ring for the AlphaPulse server, or as the same JSON messages (with the same monotonic
/// publish time) over a feed socket for the Node baseline. One publishing thread at a time.
/// </summary>
internal sealed class Publisher : IDisposable
{
    private readonly RingWriter? _ring;
    private readonly ClientWebSocket? _feed;
    private long _count;
    private long _bookSequence = 1;

    private Publisher(RingWriter? ring, ClientWebSocket? feed)
    {
        _ring = ring;
        _feed = feed;
    }

    public long Published => _count;

    public static Publisher ToRing(string path)
    {
        var ring = RingWriter.Open(path, new RingOptions { SlotCount = 1 << 16, Instruments = [new InstrumentSpec("BTCUSDT", 2, 8)] });
        ring.PublishBookSnapshot(0, 0, 1, [.. Enumerable.Range(1, 20).Select(i => new PriceLevel(6_700_000 - i, 100_000_000))], [.. Enumerable.Range(1, 20).Select(i => new PriceLevel(6_700_000 + i, 100_000_000))]);
        return new Publisher(ring, null);
    }

    public static async Task<Publisher> ToFeedAsync(Uri feed)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(feed, CancellationToken.None).ConfigureAwait(false);
        return new Publisher(null, socket);
    }

    /// <summary>Publishes at <paramref name="perSecond"/> for <paramref name="duration"/>, paced by the clock (no drift, no bursts).</summary>
    public async Task RunAsync(double perSecond, TimeSpan duration)
    {
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (long n = 0; ; n++)
        {
            var due = start + (long)(n * interval);
            if (due >= end)
            {
                return;
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }

            await PublishOneAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _ring?.Dispose();
        _feed?.Dispose();
    }

    private async Task PublishOneAsync()
    {
        var n = ++_count;
        var isTrade = (n & 1) == 0;
        var level = 6_700_000 - 1 - (n % 5);
        var size = 100_000_000 + (n % 1000);
        if (_ring is not null)
        {
            if (isTrade)
            {
                _ring.PublishTrade(new Trade(0, 6_700_000, 1_000_000, TradeSide.Buy, (ulong)n, 0, 0));
            }
            else
            {
                _ring.PublishBookDelta(0, 0, ++_bookSequence, [new PriceLevel(level, size)], [], RecordFlags.BatchEnd);
            }

            return;
        }

        // The messages the AlphaPulse server would send for the same records, serialised once and broadcast as is.
        var publishTime = MonotonicClock.NowNanoseconds();
        var json = isTrade
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"seq\":{n / 2},\"pt\":{publishTime},\"price\":\"67000\",\"size\":\"0.01\",\"side\":\"buy\",\"trade_id\":{n},\"exchange_time\":0}}")
            : string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"book_delta\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"seq\":{n / 2},\"pt\":{publishTime},\"depth\":10,\"bids\":[[\"{level / 100.0:0.##}\",\"{size / 1e8:0.########}\"]],\"asks\":[]}}");
        await _feed!.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
    }
}
