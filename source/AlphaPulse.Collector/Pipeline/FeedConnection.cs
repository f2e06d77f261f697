using System.Buffers;
using System.Net.WebSockets;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Keeps one WebSocket connection to the exchange alive for the collector's lifetime: connect, let the
/// adapter's session subscribe, receive whole frames into pooled buffers and hand them to the
/// <see cref="FramePipeline"/>; on any end (server close, error, stale feed, connection lifetime)
/// reset the books and reconnect with exponential backoff and jitter. One instance, one loop.
/// </summary>
internal sealed class FeedConnection(CollectorSettings settings, BookPublisher publisher, FramePipeline pipeline, HttpClient http, ILogger logger)
{
    private const int InitialBufferBytes = 64 * 1024;
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private long _lastFrameTime;

    /// <summary>Frames received over every connection so far.</summary>
    public long Frames { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            var (reason, frames, detail) = await RunConnectionAsync(stopping).ConfigureAwait(false);
            using (pipeline.Gate.EnterScope())
            {
                // The old connection's books are no longer maintained: readers must not trust them.
                publisher.ResetAll(stopping.IsCancellationRequested ? null : ResyncReason.Reconnect);
            }
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            pipeline.Counters.CountReconnect(reason);
            attempt = frames > 0 ? 0 : attempt + 1;
            var delay = reason == DisconnectReason.Lifetime
                ? TimeSpan.Zero
                : Backoff.Delay(attempt, settings.ReconnectInitial, settings.ReconnectMax, Random.Shared.NextDouble());
            CollectorLog.Disconnected(logger, reason, frames, detail, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(DisconnectReason Reason, long Frames, string Detail)> RunConnectionAsync(CancellationToken stopping)
    {
        var uri = settings.Adapter.FeedUri(settings.FeedUrl, settings.Instruments);
        using var socket = new ClientWebSocket();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        CollectorLog.Connecting(logger, uri);
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
            connectTimeout.CancelAfter(settings.StaleFeed);
            await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            return (DisconnectReason.ConnectFailed, 0, e.Message);
        }
        CollectorLog.Connected(logger, uri);

        var context = new FeedContext
        {
            Instruments = settings.Instruments,
            Sink = publisher,
            Gate = pipeline.Gate,
            Counters = pipeline.Counters,
            RestUrl = settings.RestUrl,
            BookDepth = settings.BookDepth,
            PriceScale = settings.PriceScale,
            SizeScale = settings.SizeScale,
            Http = http,
            Logger = logger,
            ConnectionClosed = connection.Token,
            SimulatorUpdateIds = settings.FeedUrl.Query.Contains("updateIds=true", StringComparison.OrdinalIgnoreCase),
        };
        using var session = settings.Adapter.CreateSession(context);
        var watchdog = new ConnectionWatchdog(socket, settings.StaleFeed, settings.Adapter.MaxConnectionLifetime < settings.MaxConnectionLifetime ? settings.Adapter.MaxConnectionLifetime : settings.MaxConnectionLifetime);
        Volatile.Write(ref _lastFrameTime, MonotonicClock.NowNanoseconds());
        var watching = watchdog.WatchAsync(() => Volatile.Read(ref _lastFrameTime), connection.Token);
        var frames = 0L;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            await session.OnConnectedAsync(new SocketSender(socket), connection.Token).ConfigureAwait(false);
            var count = 0;
            var oversized = false;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= MaxFrameBytes)
                    {
                        oversized = true;
                        count = 0;
                    }
                    else
                    {
                        buffer = GrowOnFull(buffer, count);
                    }
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(count), connection.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (DisconnectReason.Closed, frames, $"server closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
                }
                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var receiveTime = MonotonicClock.NowNanoseconds();
                Volatile.Write(ref _lastFrameTime, receiveTime);
                if (oversized)
                {
                    pipeline.CountOversizedFrame(buffer.AsSpan(0, Math.Min(count, 256)));
                    oversized = false;
                }
                else
                {
                    _ = pipeline.Process(session, buffer.AsSpan(0, count), receiveTime);
                }
                frames++;
                Frames++;
                count = 0;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            return (watchdog.Verdict ?? DisconnectReason.Closed, frames, e.Message);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] GrowOnFull(byte[] buffer, int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private sealed class SocketSender(ClientWebSocket socket) : IFeedSender
    {
        public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) =>
            socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
