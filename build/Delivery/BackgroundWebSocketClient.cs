using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// A WebSocket client of the deployed server that runs one loop in the background from <see cref="Start"/>
/// until disposed: the endpoint, how its sockets are set up, and the loop's lifetime, shared by the probes.
/// </summary>
public abstract class BackgroundWebSocketClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<ClientWebSocketOptions>? _configure;
    private Task? _loop;

    protected BackgroundWebSocketClient(WebSocketEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint.Address;
        _configure = endpoint.Configure;
    }

    protected Uri Endpoint { get; }

    /// <summary>Cancelled when the client is disposed: the loop ends.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public void Start() => _loop = Task.Run(RunAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new client socket set up as the endpoint says (its token, certificates).</summary>
    protected ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        _configure?.Invoke(socket.Options);
        return socket;
    }

    /// <summary>The loop; returns when <see cref="Stopping"/> is cancelled.</summary>
    protected abstract Task RunAsync();
}
