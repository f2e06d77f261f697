using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Hosting;

/// <summary>A real server compacts its heap once after a burst of connections has settled, and never when turned off.</summary>
public sealed class HeapCompactorTests
{
    private const int Burst = 20;

    private static async Task ConnectAndLeaveAsync(TestServer server, int clients)
    {
        var connected = new List<TestClient>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                connected.Add(await server.ConnectAsync());
            }
        }
        finally
        {
            foreach (var client in connected)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task ShouldCompactOnceWhenABurstOfConnectionsHasSettled()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { HeapCompactAfterConnections = Burst, HeapCompactSettle = TimeSpan.FromMilliseconds(200) });

        // Half a burst: 10 connects and 10 ends.
        await ConnectAndLeaveAsync(server, Burst / 4);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Equal(0, server.Compactor.Compactions);

        await ConnectAndLeaveAsync(server, Burst / 2);
        await TestServer.WaitUntilAsync(() => server.Compactor.Compactions > 0);

        // Nothing opens or closes any more: no second compaction.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Equal(1, server.Compactor.Compactions);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(server.MetricsUri, "metrics"));
        Assert.Contains("alphapulse_ws_heap_compaction_seconds_count", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldNeverCompactWhenTurnedOff()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { HeapCompactAfterConnections = 0, HeapCompactSettle = TimeSpan.FromMilliseconds(200) });

        await ConnectAndLeaveAsync(server, Burst * 2);
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Equal(0, server.Compactor.Compactions);
    }
}
