namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// The protocol state of one connection: subscriptions, frame parsing into normalised events, sequence
/// checking and the book-synchronisation procedure, feeding an <see cref="IMarketDataSink"/>.
/// Threading: <see cref="OnFrame"/> and any asynchronous completion the session schedules (a REST
/// snapshot) run under <see cref="FeedContext.Gate"/>, so the session's state has one writer at a time.
/// </summary>
public interface IFeedSession : IDisposable
{
    /// <summary>Sends what the exchange needs after connecting (subscriptions); Binance needs nothing, its URL names the streams.</summary>
    ValueTask OnConnectedAsync(IFeedSender sender, CancellationToken cancellationToken);

    /// <summary>
    /// Handles one complete frame received at <paramref name="receiveTime"/> (<see cref="Core.MonotonicClock"/> ns).
    /// Called under <see cref="FeedContext.Gate"/>. Never throws for any input: bad input is an outcome.
    /// </summary>
    FrameOutcome OnFrame(ReadOnlySpan<byte> frame, long receiveTime);
}

/// <summary>Sends text frames on the session's connection; one send at a time (RFC 6455 allows one send beside one receive).</summary>
public interface IFeedSender
{
    ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken);
}
