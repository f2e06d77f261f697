using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>The server finds exchanges by Core's ring-name convention, each once however many replicas write it.</summary>
public sealed class ExchangeDiscoveryTests
{
    [Fact]
    public async Task ShouldReadEachExchangeOnceAndIgnoreFilesNotNamedAsCollectorRings()
    {
        await using var server = await TestServer.StartAsync();
        await File.WriteAllBytesAsync(Path.Combine(server.RingDirectory, "kraken.ring"), []);
        await File.WriteAllBytesAsync(Path.Combine(server.RingDirectory, "notes.txt"), []);
        using var a = new TestRing(server.RingDirectory, "binance", "a", 1024, "BTCUSDT");
        using var b = new TestRing(server.RingDirectory, "binance", "b", 1024, "BTCUSDT");
        using var coinbase = await server.AddRingAsync("coinbase", "BTC-USD");
        await server.WaitForExchangeAsync("binance");

        // Scans run every 20 ms: a few more pass without a misnamed file becoming an exchange.
        await Task.Delay(100);

        Assert.Equal(["binance", "coinbase"], server.Hub.Exchanges.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShouldAnswerAnUnknownExchangeForAMisnamedRing()
    {
        await using var server = await TestServer.StartAsync();
        await File.WriteAllBytesAsync(Path.Combine(server.RingDirectory, "kraken.ring"), []);
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();

        await client.SendAsync(new { op = "subscribe", channel = "trades", exchange = "kraken", symbol = "*" });
        var error = await client.ReceiveTypeAsync("error");

        Assert.Equal("unknown_exchange", error.Str("code"));
    }
}
