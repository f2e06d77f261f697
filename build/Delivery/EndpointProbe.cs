using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Opens a new WebSocket connection to the endpoint every <see cref="Interval"/> while it runs, and counts
/// the attempts the endpoint refused: zero over an upgrade means the endpoint never had no ready server.
/// </summary>
public sealed class EndpointProbe(int port, string? token) : BackgroundWebSocketClient(WebSocketEndpoint.Local(port, token))
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private int _attempts;
    private int _refused;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Refused => Volatile.Read(ref _refused);

    protected override async Task RunAsync()
    {
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
                Interlocked.Increment(ref _refused);
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
