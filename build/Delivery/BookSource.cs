namespace AlphaPulse.Build.Delivery;

/// <summary>A book's top levels, best first on each side, as exact decimals.</summary>
public sealed record BookLevels(IReadOnlyList<(decimal Price, decimal Size)> Bids, IReadOnlyList<(decimal Price, decimal Size)> Asks);

/// <summary>Something that can show a book of a stream (<c>exchange/symbol</c>): the simulator's truth, a WebSocket client, the analytics service.</summary>
public interface IBookSource
{
    /// <summary>How a check names it: "the simulator's truth", "websocket client", "analytics".</summary>
    string Name { get; }

    /// <summary>The top <paramref name="depth"/> levels of <paramref name="stream"/>; <see cref="BookUnavailableException"/> saying why when it has none.</summary>
    Task<BookLevels> BookAsync(string stream, int depth);
}

/// <summary>A book source downstream of the feed, whose books settle some time after the feed pauses.</summary>
public interface IBookHolder : IBookSource
{
    /// <summary>The <c>exchange/symbol</c> streams it holds a book for.</summary>
    Task<IReadOnlyList<string>> StreamsAsync();

    /// <summary>A value that changes while its books still change (a count or a fingerprint): quiet for a moment means the pipeline has delivered everything.</summary>
    Task<long> ProgressAsync();
}

/// <summary>A book source has no book of the stream asked for; the message says why.</summary>
public sealed class BookUnavailableException(string message) : Exception(message);
