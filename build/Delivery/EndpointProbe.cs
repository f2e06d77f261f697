using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Opens a new WebSocket connection to the endpoint every <see cref="Interval"/> while it runs, and counts
/// the attempts the endpoint refused (or did not answer within 5 s): zero over an upgrade means the endpoint
/// never had no ready server. The first few failures are kept with when and why, for the report.
/// </summary>
public sealed class EndpointProbe(int port, string? token) : BackgroundWebSocketClient(WebSocketEndpoint.Local(port, token))
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int FailuresKept = 5;
    private readonly ConcurrentQueue<string> _failures = new();
    private int _attempts;
    private int _refused;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The first failed attempts: seconds into the probe, and the exception.</summary>
    public IReadOnlyList<string> Failures => [.. _failures];

    protected override async Task RunAsync()
    {
        var running = Stopwatch.StartNew();
        while (!Stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref _attempts);
            try
            {
                using var socket = NewSocket();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.ConnectAsync(Endpoint, timeout.Token).ConfigureAwait(false);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe", timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or System.Net.Http.HttpRequestException)
            {
                if (Interlocked.Increment(ref _refused) <= FailuresKept)
                {
                    _failures.Enqueue($"{running.Elapsed.TotalSeconds:F1} s: {exception.GetType().Name}: {exception.Message}{(exception.InnerException is { } inner ? $" ({inner.Message})" : "")}");
                }
            }
            try
            {
                await Task.Delay(Interval, Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
