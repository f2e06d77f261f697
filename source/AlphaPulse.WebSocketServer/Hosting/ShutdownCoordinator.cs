using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// SIGTERM (the host's ApplicationStopping) → the hub refuses new clients and closes every connected
/// one with 1012 "service restart"; Kestrel meanwhile stops accepting and waits, up to the host's
/// shutdown timeout (the grace period), for those connections to finish their close handshakes.
/// </summary>
internal sealed class ShutdownCoordinator(IHostApplicationLifetime lifetime, MarketHub hub, ServerSettings settings) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() => hub.BeginDrain(settings.ShutdownGrace));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
