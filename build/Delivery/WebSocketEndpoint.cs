using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Where a WebSocket client of the deployed server connects and how its socket is set up (headers,
/// certificates): the local environment's port with its bearer token, or a cluster's Service through the
/// API server's proxy with the kubeconfig's credentials (<c>AlphaPulse.Build.Kubernetes.ClusterWebSocket</c>).
/// </summary>
public sealed record WebSocketEndpoint(Uri Address, Action<ClientWebSocketOptions>? Configure = null)
{
    /// <summary>The local environment's server on 127.0.0.1, with the token when the server requires one.</summary>
    public static WebSocketEndpoint Local(int port, string? token) =>
        new(new Uri($"ws://127.0.0.1:{port}/ws"), token is null ? null : options => options.SetRequestHeader("Authorization", $"Bearer {token}"));
}
