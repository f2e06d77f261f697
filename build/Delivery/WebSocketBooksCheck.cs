using System.Diagnostics;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The WebSocket part of Smoke, local or on a cluster: a real client (<see cref="MarketDataWatcher"/>)
/// must receive a snapshot and updates of every exchange within <see cref="Deadline"/>, and its book
/// deltas must show no sequence gap it could not recover from (<see cref="GapsCheck"/>, asked last, once
/// every other check that keeps the client receiving is done).
/// </summary>
public static class WebSocketBooksCheck
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Starts <paramref name="watcher"/> and waits for every exchange's books; the watcher stays open for further checks.</summary>
    public static async Task<IReadOnlyList<Check>> RunAsync(MarketDataWatcher watcher, IReadOnlyList<string> exchanges, string where)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        ArgumentNullException.ThrowIfNull(exchanges);
        var stopwatch = Stopwatch.StartNew();
        watcher.Start();
        Log.Information($"  waiting up to {Deadline.TotalSeconds:F0} s for a snapshot and updates of every exchange on {where}");
        while (stopwatch.Elapsed < Deadline && !exchanges.All(watcher.HasBooks))
        {
            await Task.Delay(100).ConfigureAwait(false);
        }
        return
        [
            .. exchanges.Select(exchange => new Check($"websocket {exchange} books", watcher.HasBooks(exchange),
                watcher.HasBooks(exchange) ? $"snapshot and {watcher.Deltas(exchange)} updates within {stopwatch.Elapsed.TotalSeconds:F1} s" : $"no snapshot and update within {Deadline.TotalSeconds:F0} s")),
        ];
    }

    /// <summary>The sequence check: the client saw no gap in the book deltas it could not recover from.</summary>
    public static Check GapsCheck(MarketDataWatcher watcher)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return new Check("websocket sequence", watcher.UnrecoveredGaps == 0, $"{watcher.UnrecoveredGaps} seq gaps in the book deltas");
    }
}
