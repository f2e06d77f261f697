using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using AlphaPulse.Core;
using HdrHistogram;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>
/// The load generator: N real WebSocket clients over loopback, spread over source addresses
/// 127.0.0.2–127.0.0.9 (each address has its own ephemeral port range), counting every message and
/// timing publish → receive on sampled clients from the <c>"pt"</c> (monotonic publish time) in each
/// message. Thread-safe counters; the histogram is locked (sampled clients only).
/// </summary>
internal sealed class LoadClients : IAsyncDisposable
{
    private const int SourceAddresses = 8;
    private static readonly byte[] PublishTimeKey = Encoding.ASCII.GetBytes("\"pt\":");
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly System.Collections.Concurrent.ConcurrentBag<Task> _loops = [];
    private readonly HttpMessageInvoker[] _invokers;
    private readonly LongHistogram _latency = new(TimeStamp.Seconds(60), 3);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _sampleEvery;
    private long _received;
    private long _disconnects;
    private int _open;
    private bool _recording;

    public LoadClients(int sampleEvery)
    {
        _sampleEvery = sampleEvery;
        _invokers = new HttpMessageInvoker[SourceAddresses];
        for (var i = 0; i < SourceAddresses; i++)
        {
            var source = IPAddress.Parse($"127.0.0.{2 + i}");
            _invokers[i] = new HttpMessageInvoker(new SocketsHttpHandler
            {
                ConnectCallback = async (context, token) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            });
        }
    }

    public long Received => Interlocked.Read(ref _received);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public int Open => Volatile.Read(ref _open);

    /// <summary>Opens <paramref name="count"/> more clients, a bounded number at a time, each sending <paramref name="requests"/> after connecting.</summary>
    public async Task ConnectAsync(Uri uri, int count, IReadOnlyList<string> requests)
    {
        using var gate = new SemaphoreSlim(100);
        var connects = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            var index = _sockets.Count;
            var socket = new ClientWebSocket();
            _sockets.Add(socket);
            connects.Add(ConnectOneAsync(socket, uri, index, requests).ContinueWith(_ => gate.Release(), TaskScheduler.Default));
        }

        await Task.WhenAll(connects).ConfigureAwait(false);
    }

    /// <summary>Starts (or restarts) latency recording from now.</summary>
    public void StartRecording()
    {
        lock (_latency)
        {
            _latency.Reset();
        }

        Volatile.Write(ref _recording, true);
    }

    public (double P50Ms, double P99Ms, double P999Ms, long Samples) StopRecording()
    {
        Volatile.Write(ref _recording, false);
        lock (_latency)
        {
            return (_latency.GetValueAtPercentile(50) / 1e6, _latency.GetValueAtPercentile(99) / 1e6, _latency.GetValueAtPercentile(99.9) / 1e6, _latency.TotalCount);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Abort();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }

        _stop.Dispose();
    }

    private async Task ConnectOneAsync(ClientWebSocket socket, Uri uri, int index, IReadOnlyList<string> requests)
    {
        await socket.ConnectAsync(uri, _invokers[index % SourceAddresses], _stop.Token).ConfigureAwait(false);
        foreach (var request in requests)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _open);
        _loops.Add(Task.Run(() => ReceiveAsync(socket, index % _sampleEvery == 0)));
    }

    private async Task ReceiveAsync(ClientWebSocket socket, bool sampled)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                Interlocked.Increment(ref _received);
                if (sampled && Volatile.Read(ref _recording))
                {
                    Record(buffer.AsSpan(0, result.Count));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Closed: by the server, the network, or DisposeAsync's abort (before this loop's first read, too).
        }

        Interlocked.Decrement(ref _open);
        if (!_stop.IsCancellationRequested)
        {
            // Closed by the server or the network while the bench still wanted it: unintended.
            Interlocked.Increment(ref _disconnects);
        }
    }

    private void Record(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf(PublishTimeKey);
        if (at < 0)
        {
            return;
        }

        long publishTime = 0;
        foreach (var c in message[(at + PublishTimeKey.Length)..])
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            publishTime = (publishTime * 10) + (c - '0');
        }

        if (publishTime == 0)
        {
            return;
        }

        var latency = MonotonicClock.NowNanoseconds() - publishTime;
        lock (_latency)
        {
            _latency.RecordValue(Math.Max(latency, 0));
        }
    }
}
