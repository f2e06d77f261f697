using System.Net.WebSockets;
using System.Text.Json;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>Reads <c>GET /control/faults</c>: how many of a kind were injected, and on which exchange.</summary>
internal static class FaultReport
{
    /// <summary>Reads until the socket fails, and checks it was aborted without a close handshake (the disconnect fault).</summary>
    public static async Task AssertAbortedAsync(WebSocket socket)
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (await RunningSimulator.ReceiveTextAsync(socket) is not null)
            {
            }
        });
        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
    }

    public static async Task<JsonElement[]> RecordsAsync(RunningSimulator simulator, string kind, int expected)
    {
        var report = await simulator.GetJsonAsync("/control/faults");
        Assert.Equal(expected, report.GetProperty("injected").GetProperty(kind).GetInt64());
        return report.GetProperty("recent").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == kind).ToArray();
    }
}
