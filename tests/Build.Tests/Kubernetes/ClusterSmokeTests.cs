using System.Collections.Concurrent;
using AlphaPulse.Build.Kubernetes;
using AlphaPulse.Build.Tests.LiveStack;
using static AlphaPulse.Build.Tests.Kubernetes.ClusterModel;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// Smoke on a cluster: after validation, a real WebSocket client reaches the WebSocket Service through the
/// API server's upgrading proxy with the kubeconfig's credentials. The API server is the model
/// (<see cref="FakeApiServer"/>, not a cluster); behind its proxy runs the real local stack (simulator,
/// collectors, WebSocket server), so the client receives real books.
/// </summary>
[Collection(LiveStackTests.Name)]
public sealed class ClusterSmokeTests(LiveStackFixture stack)
{
    private const string Token = "smoke-token-7f3a";

    private static async Task<(FakeApiServer Api, KubernetesDelivery Delivery)> DeployedAsync()
    {
        var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        _ = await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        api.Authorize = RbacPermissions.Of(ManifestSet.Render(ManifestsDirectory, "staging"), "alphapulse-deployer").Allows;
        return (api, DeliveryTo(api, "staging"));
    }

    private static Task<IReadOnlyList<AlphaPulse.Build.Delivery.Check>> SmokeAsync(FakeApiServer api, KubernetesDelivery delivery) =>
        delivery.SmokeAsync(KubeconfigSource.Resolve(null, api.Kubeconfig(Token), new Dictionary<string, string>()).Configuration);

    [Fact]
    public async Task ShouldReceiveEveryExchangesBooksThroughTheApiServersProxyWithTheKubeconfigsToken()
    {
        var (api, delivery) = await DeployedAsync();
        await using var _ = api;
        var proxied = new ConcurrentQueue<string>();
        api.WebSocketBackend = (resource, target, path) =>
        {
            proxied.Enqueue($"{resource}/{target}{path}");
            return new Uri($"ws://127.0.0.1:{stack.Ports.WebSocket}{path}");
        };

        var checks = await SmokeAsync(api, delivery);

        Assert.True(checks.All(check => check.Passed), string.Join("\n", checks));
        Assert.Equal(
            ["websocket binance books", "websocket coinbase books", "websocket kraken books", "websocket sequence"],
            checks.Where(check => check.Name.StartsWith("websocket ", StringComparison.Ordinal)).Select(check => check.Name));
        Assert.Equal("services/alphapulse-websocket:websocket/ws", Assert.Single(proxied));
        Assert.Contains($"Bearer {Token}", api.Authorizations);
        Assert.Empty(api.Refused);
    }

    [Fact]
    public async Task ShouldFailEveryExchangeWhenTheProxyCannotReachTheWebSocketServer()
    {
        var (api, delivery) = await DeployedAsync();
        await using var _ = api;

        var checks = await SmokeAsync(api, delivery);

        var books = checks.Where(check => check.Name.EndsWith(" books", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, books.Count);
        Assert.All(books, check => Assert.Equal((false, "no snapshot and update within 10 s"), (check.Passed, check.Detail)));
        Assert.All(checks.Except(books), check => Assert.True(check.Passed, check.ToString()));
    }
}
