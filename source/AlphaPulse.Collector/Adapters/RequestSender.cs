using System.Threading.Channels;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Sends a session's requests (subscriptions, resubscriptions, pings) in the order posted, one at a time, on
/// its connection — RFC 6455 allows one send beside the receive loop. <see cref="Post"/> never blocks, so a
/// session may call it under the connection's gate from <see cref="IFeedSession.OnFrame"/>. Thread-safe; one
/// per connection, stopped by the connection's cancellation. Requests are rare: posting allocates.
/// </summary>
public sealed class RequestSender
{
    private readonly Channel<ReadOnlyMemory<byte>> _pending = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private long _sent;

    /// <summary>Requests sent so far.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Starts sending through <paramref name="sender"/> until <paramref name="cancellationToken"/> ends the connection.</summary>
    public Task RunAsync(IFeedSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return SendLoopAsync(sender, cancellationToken);
    }

    /// <summary>Queues a request behind those already posted.</summary>
    public void Post(ReadOnlyMemory<byte> request) => _ = _pending.Writer.TryWrite(request);

    private async Task SendLoopAsync(IFeedSender sender, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var request in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await sender.SendTextAsync(request, cancellationToken).ConfigureAwait(false);
                _ = Interlocked.Increment(ref _sent);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // The connection ended; its successor subscribes afresh.
        }
    }
}
