using System.Net.WebSockets;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Feeds;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>
/// The hub's rooms without the hub: one exchange read from a real ring (<c>binance-a.ring</c> with
/// BTC-USDT and ETH-USDT) through the real merged reader, its markets mapped, and clients whose
/// sockets go nowhere (what they are sent is not under test here). Single-threaded.
/// </summary>
internal sealed class MarketsFixture : IDisposable
{
    private readonly string _directory = Path.Combine("/dev/shm", "alphapulse-ws-test-" + Guid.NewGuid().ToString("N"));
    private readonly List<ExchangeState> _exchanges = [];

    public MarketsFixture()
    {
        Directory.CreateDirectory(_directory);
        Ring = new TestRing(_directory, "binance", "BTC-USDT", "ETH-USDT");
        Exchange = ReadExchange("binance");
        Exchange.RemapIfChanged([]);
    }

    public TestRing Ring { get; }

    public ExchangeState Exchange { get; }

    public Market Btc => Exchange.Lookup(0)!;

    public Market Eth => Exchange.Lookup(1)!;

    public static ClientConnection Client(WireEncoding encoding = WireEncoding.Json) =>
        new(WebSocket.CreateFromStream(Stream.Null, new WebSocketCreationOptions { IsServer = true }), encoding, 1 << 20, TimeSpan.FromSeconds(1));

    /// <summary>An exchange read from the fixture's directory (one without a ring there lists no symbol), disposed with the fixture.</summary>
    public ExchangeState ReadExchange(string name)
    {
        var exchange = new ExchangeState(name, new MergedRingFeed(name, _directory, IdleMode.LowCpu, TimeSpan.FromSeconds(3)), new StreamIds());
        _exchanges.Add(exchange);
        return exchange;
    }

    public void Dispose()
    {
        foreach (var exchange in _exchanges)
        {
            exchange.Feed.Dispose();
        }

        Ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
