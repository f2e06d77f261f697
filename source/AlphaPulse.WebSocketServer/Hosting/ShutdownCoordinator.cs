using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// SIGTERM (the host's ApplicationStopping) → the WebSocket port stops accepting first (its listen socket
/// closes, so during a start-first upgrade the kernel sends new connections to the other server instead of
/// to this one), then the hub closes every connected client with 1012 "service restart" — those whose upgrade was
/// still in flight too, right after their 101; Kestrel meanwhile stops accepting on its other ports and waits, up to the
/// host's shutdown timeout (the grace period), for those connections to finish their close handshakes.
/// </summary>
internal sealed class ShutdownCoordinator(IHostApplicationLifetime lifetime, MarketHub hub, ServerSettings settings, ListenerPorts ports) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            ports.WebSocketAcceptor?.StopAccepting();
            hub.BeginDrain(settings.ShutdownGrace);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
