using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using AlphaPulse.WebSocketServer.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// The WebSocket port's listener: accepts every connection itself, lets <see cref="DirectUpgrade"/> serve
/// the plain upgrades straight from their sockets, and gives Kestrel the rest (as Kestrel's own socket
/// transport would have made them) through <see cref="AcceptAsync"/>. Stopping ends accepting and waits,
/// up to the shutdown grace, for the directly served clients to finish the close the hub's drain started,
/// as Kestrel waits for its own connections. <see cref="StopAccepting"/> closes the listen socket early, at
/// SIGTERM, before the hub starts refusing clients. Given a <c>listenWhen</c> condition (a shared port, see
/// <see cref="DirectUpgradeTransport"/>), the bound socket listens only once it holds, asked every
/// <see cref="ListenPoll"/>; <see cref="IsListening"/> tells <c>/ready</c>. One accept loop; Kestrel's loop is the
/// only caller of <see cref="AcceptAsync"/>.
/// </summary>
internal sealed class DirectUpgradeListener : IConnectionListener
{
    /// <summary>Kestrel's default accept backlog (SocketTransportOptions.Backlog).</summary>
    public const int Backlog = 512;

    /// <summary>How often a listener waiting to listen asks its condition: a fraction of the 200 ms a deployer polls <c>/ready</c>.</summary>
    private static readonly TimeSpan ListenPoll = TimeSpan.FromMilliseconds(20);

    private readonly Socket _listenSocket;
    private readonly DirectUpgrade _upgrade;
    private readonly SocketConnectionContextFactory _contexts;
    private readonly TimeSpan _drainDeadline;
    private readonly Channel<ConnectionContext> _forKestrel = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly Task _accepting;

    /// <summary><see cref="Ended"/>, made once: each direct client holds this one delegate, not a closure of its own.</summary>
    private readonly Action _ended;

    /// <summary>Set once the socket listens (from the start, or once <c>listenWhen</c> held).</summary>
    private bool _listening;

    /// <summary>Connections accepted and not yet handed over or ended (direct clients count until they end).</summary>
    private int _open;

    /// <summary>Takes a bound socket: listening already when <paramref name="listenWhen"/> is null, else it listens once that holds.</summary>
    public DirectUpgradeListener(Socket listenSocket, DirectUpgrade upgrade, SocketConnectionContextFactory contexts, TimeSpan drainDeadline, Func<bool>? listenWhen, ILogger logger)
    {
        _listenSocket = listenSocket;
        _upgrade = upgrade;
        _contexts = contexts;
        _drainDeadline = drainDeadline;
        _logger = logger;
        _listening = listenWhen is null;
        _ended = Ended;
        EndPoint = listenSocket.LocalEndPoint ?? throw new InvalidOperationException("the WebSocket listener is bound before it listens: LocalEndPoint is null");
        _accepting = AcceptLoopAsync(listenWhen);
    }

    public EndPoint EndPoint { get; }

    /// <summary>The socket listens: the kernel queues connections for it (any thread).</summary>
    public bool IsListening => Volatile.Read(ref _listening);

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _forKestrel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Unbound: Kestrel's accept loop ends on null.
            return null;
        }
    }

    /// <summary>
    /// Closes the listen socket: the kernel sends no more connections here. With <c>SO_REUSEPORT</c> another
    /// server on the port takes them, and with <c>net.ipv4.tcp_migrate_req</c> the ones queued here and not yet
    /// accepted move to it too (ip-sysctl.rst), instead of reaching a server that is about to refuse them.
    /// The accept loop ends; connections already accepted are served or refused as before.
    /// </summary>
    public void StopAccepting() => _listenSocket.Dispose();

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _listenSocket.Dispose();
        await _accepting.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _open) > 0)
        {
            try
            {
                await _allEnded.Task.WaitAsync(_drainDeadline).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Past the grace period the host stops anyway; the remaining sockets close with the process.
            }
        }

        _contexts.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Func<bool>? listenWhen)
    {
        try
        {
            if (listenWhen is not null && !await ListenWhenAsync(listenWhen).ConfigureAwait(false))
            {
                return;
            }

            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listenSocket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (SocketException) when (!_stopping.IsCancellationRequested)
                {
                    // A connection reset before it was accepted: keep accepting, as Kestrel's transport does.
                    continue;
                }

                // As Kestrel's socket transport sets it (SocketTransportOptions.NoDelay): each fan-out message leaves at once.
                socket.NoDelay = true;
                Interlocked.Increment(ref _open);
                _ = HandleAsync(socket);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Unbound.
        }
        finally
        {
            _forKestrel.Writer.TryComplete();
        }
    }

    /// <summary>Waits until <paramref name="listenWhen"/> holds, then listens; false when the socket cannot listen.</summary>
    private async Task<bool> ListenWhenAsync(Func<bool> listenWhen)
    {
        var port = ((IPEndPoint)EndPoint).Port;
        ServerLog.WaitingToListen(_logger, port);
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(ListenPoll);
        while (!listenWhen())
        {
            await poll.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false);
        }

        try
        {
            _listenSocket.Listen(Backlog);
        }
        catch (SocketException exception)
        {
            // /ready stays 503 (IsListening is false), so a deployer sees the server never became ready.
            ServerLog.ListenFailed(_logger, port, exception.Message);
            return false;
        }

        Volatile.Write(ref _listening, true);
        ServerLog.Listening(_logger, port, waited.Elapsed.TotalSeconds);
        return true;
    }

    private async Task HandleAsync(Socket socket)
    {
        var started = false;
        try
        {
            // A started client is on its own from here (no frame of this listener waits for it): it calls _ended when it ends.
            started = await _upgrade.TryStartAsync(socket, _ended, _stopping.Token).ConfigureAwait(false);
            if (started)
            {
                return;
            }

            var connection = _contexts.Create(socket);
            if (!_forKestrel.Writer.TryWrite(connection))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The peer left during the handshake, or the listener stopped: nothing to serve.
            socket.Dispose();
        }
        finally
        {
            if (!started)
            {
                Ended();
            }
        }
    }

    /// <summary>A connection was handed over, refused or has ended.</summary>
    private void Ended()
    {
        if (Interlocked.Decrement(ref _open) == 0 && _stopping.IsCancellationRequested)
        {
            _allEnded.TrySetResult();
        }
    }
}
