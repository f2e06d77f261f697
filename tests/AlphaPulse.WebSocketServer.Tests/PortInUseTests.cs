using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AlphaPulse.WebSocketServer.Hosting;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>A server whose port is taken says so on one line and exits non-zero: the real process, against a really taken port.</summary>
public sealed class PortInUseTests
{
    [Theory]
    [InlineData("WEBSOCKET_PORT")]
    [InlineData("METRICS_PORT")]
    public async Task ShouldSayAddressAlreadyInUseOnOneLineAndExitNonZeroWhenItsPortIsTaken(string variable)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var start = new ProcessStartInfo(DotnetHost(), [typeof(WebSocketServerApp).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BIND_ADDRESS"] = "127.0.0.1";
        start.Environment["WEBSOCKET_PORT"] = "0";
        start.Environment["METRICS_PORT"] = "0";
        start.Environment[variable] = taken.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SHARED_MEMORY_PATH"] = Path.Combine(Path.GetTempPath(), "alphapulse-port-test-" + Guid.NewGuid().ToString("N"));

        using var server = Process.Start(start)!;
        using var guard = new CancellationTokenSource(Infrastructure.TestServer.HangGuard);
        var output = server.StandardOutput.ReadToEndAsync(guard.Token);
        var errors = await server.StandardError.ReadToEndAsync(guard.Token);
        await server.WaitForExitAsync(guard.Token);

        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(0, server.ExitCode);
        var line = Assert.Single(lines);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
        Assert.Contains($"{variable}={taken}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
    }

    /// <summary>The host running these tests (dotnet test runs them under the dotnet muxer).</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
