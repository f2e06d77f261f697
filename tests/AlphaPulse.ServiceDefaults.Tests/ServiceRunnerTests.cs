using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AlphaPulse.ServiceDefaults.Tests;

/// <summary>How every service starts and refuses to start: one line, a fixed exit code, no stack trace.</summary>
public sealed class ServiceRunnerTests
{
    [Fact]
    public async Task ShouldPrintOneLineAndExitWithCode2OnABadSetting()
    {
        using var errors = new StringWriter();
        var ran = false;

        var exit = await ServiceRunner.RunAsync<int>(
            "collector",
            () => throw SettingsException.Invalid("RING_SLOTS", "a power of two", "1000", "use 1024"),
            _ => { ran = true; return Task.FromResult(0); },
            errors);

        Assert.Equal(ServiceRunner.SettingsExitCode, exit);
        Assert.False(ran);
        Assert.Equal("collector: configuration error: RING_SLOTS must be a power of two: RING_SLOTS='1000' (use 1024)" + Environment.NewLine, errors.ToString());
    }

    [Fact]
    public async Task ShouldSayAddressAlreadyInUseAndExitNonZeroWhenThePortIsTaken()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var errors = new StringWriter();

        var exit = await ServiceRunner.RunAsync(
            "websocket-server",
            () => port,
            taken =>
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, taken));
                return ServiceRunner.ServeAsync(builder.Build());
            },
            errors);

        Assert.Equal(ServiceRunner.AddressInUseExitCode, exit);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("websocket-server: cannot listen: address already in use", line, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }
}
