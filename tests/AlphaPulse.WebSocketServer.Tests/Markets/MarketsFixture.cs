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
    public MarketsFixture()
    {
        Directory.CreateDirectory(RingDirectory);
        Ring = new TestRing(RingDirectory, "binance", "BTC-USDT", "ETH-USDT");
        Exchange = new ExchangeState("binance", new MergedRingFeed("binance", RingDirectory, IdleMode.LowCpu, TimeSpan.FromSeconds(3)), new StreamIds());
        Exchange.RemapIfChanged([]);
    }

    /// <summary>The rings' directory, private to the fixture.</summary>
    public string RingDirectory { get; } = Path.Combine("/dev/shm", "alphapulse-ws-test-" + Guid.NewGuid().ToString("N"));

    public TestRing Ring { get; }

    public ExchangeState Exchange { get; }

    public Market Btc => Exchange.Lookup(0)!;

    public Market Eth => Exchange.Lookup(1)!;

    public static ClientConnection Client(WireEncoding encoding = WireEncoding.Json) =>
        new(WebSocket.CreateFromStream(Stream.Null, new WebSocketCreationOptions { IsServer = true }), encoding, 1 << 20, TimeSpan.FromSeconds(1));

    public void Dispose()
    {
        Exchange.Feed.Dispose();
        Ring.Dispose();
        Directory.Delete(RingDirectory, recursive: true);
    }
}
