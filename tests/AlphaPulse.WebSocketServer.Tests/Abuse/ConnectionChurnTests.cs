using System.Net;
using System.Net.WebSockets;
using System.Text;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>Crowds at the door and clients that vanish: admission exact at <c>MAX_CLIENTS</c>, every slot and byte given back.</summary>
[Collection(AbuseCases.Name)]
public sealed class ConnectionChurnTests
{
    [Fact]
    public async Task ShouldAdmitExactlyMaxClientsUnderABurstOfAThousandUpgrades()
    {
        const int MaxClients = 50;
        await using var arena = await Arena.StartAsync(settings => settings with { MaxClients = MaxClients });
        var admitted = new System.Collections.Concurrent.ConcurrentBag<ClientWebSocket>();
        var refused = 0;
        var other = new System.Collections.Concurrent.ConcurrentBag<string>();

        // All at once: the slot must be taken at admission, not when the hub later counts the client.
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            start.Wait(TestServer.HangGuard);
            var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            using var guard = new CancellationTokenSource(TestServer.HangGuard);
            try
            {
                await socket.ConnectAsync(arena.Server.WebSocketUri, guard.Token);
                admitted.Add(socket);
            }
            catch (WebSocketException) when (socket.HttpStatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref refused);
                socket.Dispose();
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                other.Add($"{socket.HttpStatusCode}: {exception.Message}");
                socket.Dispose();
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(attempts);

        try
        {
            // The bystander holds one slot.
            Assert.Empty(other);
            Assert.Equal(MaxClients - 1, admitted.Count);
            Assert.Equal(1000 - (MaxClients - 1), refused);
            await arena.WaitForClientsAsync(MaxClients);
        }
        finally
        {
            foreach (var socket in admitted)
            {
                socket.Abort();
                socket.Dispose();
            }
        }

        // Every slot comes back: the fresh client in the closing check needs one.
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldReleaseEverythingWhenAThousandSubscribedClientsVanishWithAResetTwice()
    {
        const int Clients = 1000;
        await using var arena = await Arena.StartAsync();

        // The first crowd grows the server's pools to its peak; the second, measured, must leave nothing behind.
        await ConnectSubscribeAndResetAsync(arena, Clients);
        await arena.WaitForClientsAsync(1);
        arena.RebaseHeap();
        await ConnectSubscribeAndResetAsync(arena, Clients);

        await arena.AssertUnharmedAsync();
    }

    /// <summary>
    /// Connects a crowd subscribed to the quiet symbol's trades (a thousand connections, not a
    /// thousand-fold fan-out), then drops each with a TCP reset: no close frame, no FIN, as when a
    /// client crashes or its network goes.
    /// </summary>
    private static async Task ConnectSubscribeAndResetAsync(Arena arena, int clients)
    {
        var subscribe = Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"{Arena.Exchange}\",\"symbol\":\"{Arena.QuietSymbol}\",\"id\":1}}");
        var crowd = new RawWebSocket[clients];
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            crowd[i] = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);
            await crowd[i].SendFrameAsync(RawFrame.TextOpcode, fin: true, subscribe);
            await crowd[i].ReceiveTextContainingAsync("\"subscribed\"");
        });
        await arena.WaitForClientsAsync(clients + 1);
        foreach (var client in crowd)
        {
            client.Reset();
            client.Dispose();
        }
    }
}
