using System.Net;
using System.Net.Sockets;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Tests.Local;

/// <summary>Up stops with one line when a service's port is taken, before it starts anything there (a really taken port, not Up's fixed ones).</summary>
public sealed class LocalStackRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alphapulse-up-runner-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ShouldStopWithAddressAlreadyInUseInsteadOfStartingAServiceWhosePortIsTaken()
    {
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        // A holder that answers HTTP would have made Up report "ready"; the check comes before any start.
        var service = new LocalService("websocket", "source/AlphaPulse.WebSocketServer/AlphaPulse.WebSocketServer.csproj", new Dictionary<string, string> { ["WEBSOCKET_PORT"] = "0", ["METRICS_PORT"] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new Uri($"http://127.0.0.1:{taken}/"));
        var runner = new LocalStackRunner([service], Path.Combine(_directory, "bin"), Path.Combine(_directory, "logs"));

        var error = Assert.Throws<BuildException>(() => runner.Run(TimeSpan.Zero, []));

        Assert.Contains($"port {taken} address already in use", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(Path.Combine(_directory, "logs", "websocket.log")), "the service was started although its port was taken");
    }

    [Fact]
    public void ShouldListEveryPortVariableAndTheHttpPortOfAService()
    {
        var service = new LocalService("collector", "x.csproj", new Dictionary<string, string> { ["METRICS_PORT"] = "8081", ["SIM_PORT"] = "9443", ["SYMBOLS"] = "BTC-USD" }, new Uri("http://127.0.0.1:8081/"));

        Assert.Equal([8081, 9443], PortCheck.PortsOf(service));
    }
}
