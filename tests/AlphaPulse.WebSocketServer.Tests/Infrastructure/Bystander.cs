using System.Net.WebSockets;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// A well-behaved client that watches while others abuse the server: subscribed to one symbol's
/// trades and ticker, reading everything on a background task and checking that every stream's
/// <c>seq</c> advances by exactly one. Its own reads are its only thread; the test reads its tallies.
/// </summary>
internal sealed class Bystander : IAsyncDisposable
{
    private readonly TestClient _client;
    private readonly Task _reading;
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private long _trades;
    private volatile string? _fault;

    private Bystander(TestClient client)
    {
        _client = client;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Trades received so far (any thread).</summary>
    public long Trades => Interlocked.Read(ref _trades);

    /// <summary>What went wrong: a sequence gap, a close, or a lost connection; null while all is well.</summary>
    public string? Fault => _fault;

    public static async Task<Bystander> JoinAsync(TestServer server, string exchange, string symbol)
    {
        var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", exchange, symbol, id: 1);
        await client.SubscribeAsync("ticker", exchange, symbol, id: 2);
        return new Bystander(client);
    }

    /// <summary>Waits until <paramref name="published"/> trades have arrived (within the hang guard), or a fault shows.</summary>
    public async Task WaitForTradesAsync(long published)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        while (Trades < published && _fault is null && !_reading.IsCompleted)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Socket.Abort();
        await _reading.ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (_fault is null)
            {
                var frame = await _client.ReceiveAsync();
                if (frame.Kind == WebSocketMessageType.Close)
                {
                    _fault = $"the bystander was closed: {frame.CloseStatus} {frame.CloseReason}";
                    return;
                }

                var type = frame.Type;
                if (type is not ("trade" or "ticker"))
                {
                    continue;
                }

                var stream = type + "/" + frame.Str("exchange") + "/" + frame.Str("symbol");
                var seq = frame.Seq;
                if (_lastSeq.TryGetValue(stream, out var last) && seq != last + 1)
                {
                    _fault = $"the bystander saw a gap on {stream}: seq {last} then {seq}";
                    return;
                }

                _lastSeq[stream] = seq;
                if (type == "trade")
                {
                    Interlocked.Increment(ref _trades);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposal aborts the socket; anything else is a lost connection.
            _fault ??= _client.Socket.State == WebSocketState.Aborted ? null : $"the bystander lost its connection: {exception.Message}";
        }
    }
}
