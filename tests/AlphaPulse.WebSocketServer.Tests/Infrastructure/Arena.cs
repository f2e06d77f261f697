using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Configuration;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// The stage of an abuse case: a real server, a ring publishing trades on a background task, and a
/// subscribed <see cref="Bystander"/>. <see cref="AssertUnharmedAsync"/> is each case's closing check:
/// the server still answers, its client count and heap are back near where they were before the
/// abuse, and the bystander received every trade published, in sequence.
/// </summary>
internal sealed class Arena : IAsyncDisposable
{
    public const string Exchange = "binance";
    public const string Symbol = "BTC-USDT";

    /// <summary>Listed but never traded: crowds subscribe to it so that a thousand clients cost connections, not fan-out.</summary>
    public const string QuietSymbol = "ETH-USDT";

    /// <summary>
    /// How far the managed heap may stay above its level before the abuse. Measured residues after
    /// full collections: under 1.6 MB for every case (pools and caches warming), 4 MB after a first
    /// crowd of 1,500 connections (Kestrel's block pool at its peak) and ~0 after a second one. A
    /// connection's state left behind is several KB, so a thousand leaked ones exceed this.
    /// </summary>
    public const long HeapTolerance = 4 * 1024 * 1024;

    /// <summary>Records a burst iteration publishes (trades and book deltas each); the ring holds far more than the hub lags.</summary>
    private const int BurstSize = 40;

    private readonly CancellationTokenSource _stop = new();
    private readonly Core.Books.OrderBook _model = new();
    private readonly Random _random = new(2026);
    private readonly Task _publishing;
    private long _published;
    private volatile bool _bursting;
    private long _heapBefore;
    private int _clientsBefore;

    private Arena(TestServer server, TestRing ring, Bystander bystander)
    {
        Server = server;
        Ring = ring;
        Bystander = bystander;
        BookConsistencyTests.PublishSnapshot(ring, _model, _random);
        _publishing = Task.Run(PublishAsync);
    }

    public TestServer Server { get; }

    public TestRing Ring { get; }

    public Bystander Bystander { get; }

    public static async Task<Arena> StartAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var server = await TestServer.StartAsync(configure);
        var ring = new TestRing(server.RingDirectory, Exchange, "a", 256 * 1024, Symbol, QuietSymbol);
        await server.WaitForExchangeAsync(Exchange);
        var bystander = await Bystander.JoinAsync(server, Exchange, Symbol);
        var arena = new Arena(server, ring, bystander);

        // Warm the paths every case uses (connect, request, disconnect) before the baseline is taken.
        for (var i = 0; i < 4; i++)
        {
            using var warm = await server.ConnectAsync();
            await warm.SendAsync(new { op = "ping", id = i });
            await warm.ReceiveTypeAsync("pong");
            await warm.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        await arena.WaitForClientsAsync(1);
        arena._clientsBefore = server.Hub.ClientCount;
        arena._heapBefore = Heap();
        return arena;
    }

    /// <summary>
    /// Publishes in bursts (trades, book deltas, so tickers too) until <paramref name="condition"/>
    /// holds, bounded by the hang guard; then back to the trickle. The ring has one writer, the
    /// arena's publisher, so a test asks it rather than publishing itself.
    /// </summary>
    public async Task PublishBurstsUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        _bursting = true;
        try
        {
            while (!condition())
            {
                await Task.Delay(5, guard.Token);
            }
        }
        finally
        {
            _bursting = false;
        }
    }

    /// <summary>Takes the heap baseline again: after a warm-up round, so pools grown to a crowd's peak are not mistaken for a leak.</summary>
    public void RebaseHeap() => _heapBefore = Heap();

    /// <summary>Waits (bounded) until the hub counts <paramref name="clients"/> clients.</summary>
    public async Task WaitForClientsAsync(int clients)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        while (Server.Hub.ClientCount != clients)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    /// <summary>
    /// The server is up (health and a fresh client's ping answered), the abusers are gone, its heap is
    /// back within <see cref="HeapTolerance"/>, and the bystander received every trade in sequence.
    /// </summary>
    public async Task AssertUnharmedAsync()
    {
        using (var http = new HttpClient { Timeout = TestServer.HangGuard })
        {
            Assert.Equal("alive", await http.GetStringAsync(new Uri(Server.MetricsUri, "health")));
        }

        using (var fresh = await Server.ConnectAsync())
        {
            await fresh.SendAsync(new { op = "ping", id = 99 });
            Assert.Equal(99, (await fresh.ReceiveTypeAsync("pong")).Json.GetProperty("id").GetInt64());
            await fresh.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        await WaitForClientsAsync(_clientsBefore);
        await _stop.CancelAsync();
        await _publishing;
        var published = Interlocked.Read(ref _published);
        await Bystander.WaitForTradesAsync(published);
        Assert.Null(Bystander.Fault);
        Assert.Equal(published, Bystander.Trades);
        Assert.True(published > 0, "the ring published nothing during the case");

        var heapAfter = Heap();
        Assert.True(heapAfter - _heapBefore < HeapTolerance, $"the heap stayed {(heapAfter - _heapBefore) / 1024} KB above its level before the abuse ({_heapBefore / 1024} KB → {heapAfter / 1024} KB; tolerance {HeapTolerance / 1024} KB)");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _publishing;
        await Bystander.DisposeAsync();
        Ring.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>The managed heap after full, compacting collections (finalisers run): what is still reachable.</summary>
    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>A steady trickle of trades and book deltas (about a thousand a second at most), or bursts, for as long as the case runs.</summary>
    private async Task PublishAsync()
    {
        var price = 67_000m;
        while (!_stop.IsCancellationRequested)
        {
            for (var i = _bursting ? BurstSize : 1; i > 0; i--)
            {
                Ring.Trade(0, price, 0.01m);
                Interlocked.Increment(ref _published);
                price = price >= 67_100m ? 67_000m : price + 0.5m;
                BookConsistencyTests.PublishRandomDelta(Ring, _model, _random);
            }

            try
            {
                await Task.Delay(1, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
