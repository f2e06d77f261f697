using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Hosting;

/// <summary>The real executable as a child process: start-up errors and SIGTERM.</summary>
public partial class SimulatorProcessTests
{
    [Fact]
    public async Task ShouldExitNonZeroNamingTheBadVariable()
    {
        using var process = Start(("SIM_RATE", "abc"));

        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("simulator: configuration error: SIM_RATE must be an integer in [1, 10000000]: SIM_RATE='abc' (unset it for the default 1000)", error.Trim());
    }

    [Fact]
    public async Task ShouldCloseSocketsAndExitCleanlyOnSigterm()
    {
        using var process = Start(("SIM_PORT", "0"), ("SIM_HOST", "127.0.0.1"), ("SIM_RATE", "100"), ("SIM_DEPTH", "100"));
        string? line;
        Match listening;
        do
        {
            line = await process.StandardOutput.ReadLineAsync();
            Assert.NotNull(line);
            listening = ListeningOn().Match(line);
        }
        while (!listening.Success);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{listening.Groups[1].Value}/ws/btcusdt@trade"), CancellationToken.None);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        while (await ReceiveTextAsync(socket) is not null)
        {
        }
        await process.WaitForExitAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        Assert.Equal(0, process.ExitCode);
    }

    private static Process Start(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AlphaPulse.Simulator.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
