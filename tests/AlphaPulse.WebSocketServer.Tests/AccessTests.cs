using System.Net;
using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

public sealed class AccessTests
{
    [Fact]
    public async Task ShouldRefuseTheUpgradeWith401WhenTheTokenIsMissingOrWrong()
    {
        var tokens = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokens, "# dashboard\nsecret-one\nsecret-two\n");
        await using var server = await TestServer.StartAsync(settings => settings with { TokenFile = tokens });

        var missing = await RefusedStatusAsync(server, _ => { });
        var wrong = await RefusedStatusAsync(server, options => options.SetRequestHeader("Authorization", "Bearer secret-three"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        File.Delete(tokens);
    }

    [Fact]
    public async Task ShouldAcceptAListedTokenAsBearerHeaderOrQueryParameter()
    {
        var tokens = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokens, "secret-one\nsecret-two\n");
        await using var server = await TestServer.StartAsync(settings => settings with { TokenFile = tokens });

        using var header = await server.ConnectAsync(options => options.SetRequestHeader("Authorization", "Bearer secret-two"));
        using var query = await server.ConnectAsync(query: "?token=secret-one");

        Assert.Equal(WebSocketState.Open, header.Socket.State);
        Assert.Equal(WebSocketState.Open, query.Socket.State);
        File.Delete(tokens);
    }

    [Fact]
    public async Task ShouldRefuseABrowserFromAnOriginOutsideTheAllowList()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { AllowedOrigins = ["https://dashboard.alphapulse.example"] });

        var refused = await RefusedStatusAsync(server, options => options.SetRequestHeader("Origin", "https://evil.example"));
        using var allowed = await server.ConnectAsync(options => options.SetRequestHeader("Origin", "https://dashboard.alphapulse.example"));

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(WebSocketState.Open, allowed.Socket.State);
    }

    [Fact]
    public async Task ShouldServeHealthReadyAndMetricsOnlyOnTheMetricsPort()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var notReady = await http.GetAsync(new Uri(server.MetricsUri, "ready"));

        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        await server.WaitReadyAsync(ring);

        var health = await http.GetAsync(new Uri(server.MetricsUri, "health"));
        var metrics = await http.GetStringAsync(new Uri(server.MetricsUri, "metrics"));
        var metricsOnPublicPort = await http.GetAsync(new Uri(server.HttpUri, "metrics"));
        var socketOnMetricsPort = await http.GetAsync(new Uri(server.MetricsUri, "ws"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("alphapulse_ws_clients", metrics, StringComparison.Ordinal);
        Assert.Contains("alphapulse_ws_publish_to_write_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("alphapulse_ws_data_age_seconds", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnPublicPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, socketOnMetricsPort.StatusCode);
    }

    [Fact]
    public async Task ShouldServeTheDashboardPageOnTheWebSocketPort()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var page = await http.GetStringAsync(server.HttpUri);
        var script = await http.GetAsync(new Uri(server.HttpUri, "dashboard.js"));

        Assert.Contains("dashboard.js", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpStatusCode> RefusedStatusAsync(TestServer server, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketUri, CancellationToken.None));
        return socket.HttpStatusCode;
    }
}
