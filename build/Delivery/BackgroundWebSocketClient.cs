using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// A WebSocket client of the deployed server that runs one loop in the background from <see cref="Start"/>
/// until disposed: the endpoint, the optional bearer token and the loop's lifetime, shared by the probes.
/// </summary>
public abstract class BackgroundWebSocketClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _token;
    private Task? _loop;

    protected BackgroundWebSocketClient(int port, string? token)
    {
        Endpoint = new Uri($"ws://127.0.0.1:{port}/ws");
        _token = token;
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

    /// <summary>A new client socket carrying the token, when there is one.</summary>
    protected ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        if (_token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {_token}");
        }
        return socket;
    }

    /// <summary>The loop; returns when <see cref="Stopping"/> is cancelled.</summary>
    protected abstract Task RunAsync();
}
