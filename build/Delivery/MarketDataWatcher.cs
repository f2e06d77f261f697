using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// A real WebSocket client of the deployed server (docs/websocket-protocol.md): subscribes to every
/// book at depth 10, keeps each book from its snapshot and deltas as a client would, counts per exchange
/// the snapshots and deltas it receives and the seq gaps it sees, and, while told to stay, reconnects when
/// the server closes it (as during an upgrade), counting each drop. One receive loop; counters and book
/// copies are safe to read from any thread. As an <see cref="IBookHolder"/> it is what Smoke compares
/// the simulator's truth and the analytics service's books with.
/// </summary>
public sealed class MarketDataWatcher(WebSocketEndpoint endpoint) : BackgroundWebSocketClient(endpoint), IBookHolder
{
    /// <summary>The local environment's server on <paramref name="port"/>.</summary>
    public MarketDataWatcher(int port, string? token)
        : this(WebSocketEndpoint.Local(port, token))
    {
    }

    private readonly ConcurrentDictionary<string, int> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deltas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientBook> _books = new(StringComparer.Ordinal);
    private int _drops;
    private int _gaps;
    private long _longestReconnectTicks;

    /// <summary>Times the server closed or lost this client.</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>Book deltas whose seq did not follow the previous one on the same connection (updates lost without a snapshot).</summary>
    public int UnrecoveredGaps => Volatile.Read(ref _gaps);

    public TimeSpan LongestReconnect => TimeSpan.FromTicks(Interlocked.Read(ref _longestReconnectTicks));

    /// <summary>Whether each exchange sent a snapshot and at least one delta after it.</summary>
    public bool HasBooks(string exchange) => _snapshots.GetValueOrDefault(exchange) > 0 && _deltas.GetValueOrDefault(exchange) > 0;

    public int Deltas(string exchange) => _deltas.GetValueOrDefault(exchange);

    /// <summary>Book messages received so far, every exchange together (to tell when the stream has gone quiet).</summary>
    public int BookMessages => _snapshots.Values.Sum() + _deltas.Values.Sum();

    /// <summary>The <c>exchange/symbol</c> streams this client holds a book for.</summary>
    public IReadOnlyList<string> Streams => [.. _books.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A copy of the book of <paramref name="stream"/> (<c>exchange/symbol</c>), best levels first; null when none arrived.</summary>
    public (IReadOnlyList<(decimal Price, decimal Size)> Bids, IReadOnlyList<(decimal Price, decimal Size)> Asks)? Book(string stream) =>
        _books.TryGetValue(stream, out var book) ? book.Copy() : null;

    public string Name => "websocket client";

    Task<IReadOnlyList<string>> IBookHolder.StreamsAsync() => Task.FromResult(Streams);

    Task<long> IBookHolder.ProgressAsync() => Task.FromResult((long)BookMessages);

    Task<BookLevels> IBookSource.BookAsync(string stream, int depth) =>
        Book(stream) is var (bids, asks)
            ? Task.FromResult(new BookLevels([.. bids.Take(depth)], [.. asks.Take(depth)]))
            : Task.FromException<BookLevels>(new BookUnavailableException($"the client received no book of {stream}"));

    protected override async Task RunAsync()
    {
        var disconnectedAt = (Stopwatch?)null;
        while (!Stopping.IsCancellationRequested)
        {
            try
            {
                using var socket = NewSocket();
                await socket.ConnectAsync(Endpoint, Stopping).ConfigureAwait(false);
                if (disconnectedAt is not null)
                {
                    var ticks = disconnectedAt.Elapsed.Ticks;
                    if (ticks > Interlocked.Read(ref _longestReconnectTicks))
                    {
                        Interlocked.Exchange(ref _longestReconnectTicks, ticks);
                    }
                    disconnectedAt = null;
                }
                _lastSeq.Clear();
                var subscribe = Encoding.UTF8.GetBytes("""{"op":"subscribe","channel":"book","exchange":"*","symbol":"*","depth":10,"id":1}""");
                await socket.SendAsync(subscribe, WebSocketMessageType.Text, endOfMessage: true, Stopping).ConfigureAwait(false);
                await ReceiveAsync(socket).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or System.Net.Http.HttpRequestException)
            {
                // Refused or cut: counted below, retried shortly.
            }
            if (Stopping.IsCancellationRequested)
            {
                return;
            }
            if (disconnectedAt is null)
            {
                Interlocked.Increment(ref _drops);
                disconnectedAt = Stopwatch.StartNew();
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, Stopping).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                Count(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
    }

    private void Count(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        if (type is not ("book_snapshot" or "book_delta") || !root.TryGetProperty("exchange", out var exchangeElement))
        {
            return;
        }
        var exchange = exchangeElement.GetString() ?? "";
        var stream = $"{exchange}/{root.GetProperty("symbol").GetString()}";
        var seq = root.GetProperty("seq").GetInt64();
        var book = _books.GetOrAdd(stream, _ => new ClientBook());
        if (type == "book_snapshot")
        {
            _snapshots.AddOrUpdate(exchange, 1, (_, count) => count + 1);
            book.Clear();
        }
        else
        {
            _deltas.AddOrUpdate(exchange, 1, (_, count) => count + 1);
            if (_lastSeq.TryGetValue(stream, out var previous) && seq != previous + 1)
            {
                Interlocked.Increment(ref _gaps);
            }
        }
        _lastSeq[stream] = seq;
        book.Apply(root.GetProperty("bids"), root.GetProperty("asks"));
    }
}
