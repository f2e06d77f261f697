using System.Net;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>The WebSocket listener's address, marked so that <see cref="DirectUpgradeTransport"/> binds it and Kestrel's socket transport does not.</summary>
internal sealed class WebSocketListenEndPoint(IPAddress address, int port) : IPEndPoint(address, port);
