using System.Net.WebSockets;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// A well-behaved client that watches while others abuse the server: subscribed to one symbol's
/// trades, reading everything on a background task and checking that <c>seq</c> advances by exactly
/// one. It reads as a lean client would (no JSON document per message), so on a loaded machine it is
/// not itself the slow consumer. Its own reads are its only thread; the test reads its tallies.
/// </summary>
internal sealed class Bystander : IAsyncDisposable
{
    private readonly TestClient _client;
    private readonly Task _reading;
    private readonly byte[] _buffer = new byte[64 * 1024];
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
        var socket = _client.Socket;
        var last = -1L;
        try
        {
            while (_fault is null)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < _buffer.Length);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _fault = $"the bystander was closed: {socket.CloseStatus} {socket.CloseStatusDescription}";
                    return;
                }

                var message = _buffer.AsSpan(0, length);
                if (!message.StartsWith("{\"type\":\"trade\""u8))
                {
                    continue;
                }

                var seq = SeqOf(message);
                if (last >= 0 && seq != last + 1)
                {
                    _fault = $"the bystander saw a gap in its trades: seq {last} then {seq}";
                    return;
                }

                last = seq;
                Interlocked.Increment(ref _trades);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposal aborts the socket; anything else is a lost connection.
            _fault ??= socket.State == WebSocketState.Aborted ? null : $"the bystander lost its connection: {exception.Message}";
        }
    }

    private static long SeqOf(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf("\"seq\":"u8) + 6;
        var seq = 0L;
        while (at < message.Length && message[at] is >= (byte)'0' and <= (byte)'9')
        {
            seq = (seq * 10) + (message[at++] - '0');
        }

        return seq;
    }
}
