using System.Net.WebSockets;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Opens a new WebSocket connection to the endpoint every <see cref="Interval"/> while it runs, and counts
/// the attempts the endpoint refused: zero over an upgrade means the endpoint never had no ready server.
/// </summary>
public sealed class EndpointProbe : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Uri _endpoint;
    private readonly string? _token;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _attempts;
    private int _refused;

    public EndpointProbe(int port, string? token)
    {
        _endpoint = new Uri($"ws://127.0.0.1:{port}/ws");
        _token = token;
    }

    public int Attempts => Volatile.Read(ref _attempts);

    public int Refused => Volatile.Read(ref _refused);

    public void Start() => _loop = Task.Run(RunAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _attempts);
            try
            {
                using var socket = new ClientWebSocket();
                if (_token is not null)
                {
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {_token}");
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.ConnectAsync(_endpoint, timeout.Token).ConfigureAwait(false);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe", timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or System.Net.Http.HttpRequestException)
            {
                Interlocked.Increment(ref _refused);
            }
            try
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
