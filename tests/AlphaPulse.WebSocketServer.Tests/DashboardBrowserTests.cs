using System.Diagnostics;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>
/// The dashboard in a real headless browser: Debian's chromium driven by playwright-core (npm),
/// fed by three test ring writers. Needs <c>apt-get install chromium</c> and Node with npm; installs
/// playwright-core itself from the committed package-lock.json.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] Exchanges = ["binance", "coinbase", "kraken"];

    [Fact]
    public async Task ShouldShowLiveBooksForThreeExchangesInHeadlessChromiumAndSaveAScreenshot()
    {
        var root = RepositoryRoot();
        var browserDirectory = Path.Combine(root, "tests", "AlphaPulse.WebSocketServer.Tests", "Browser");
        Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM_PATH") is not null,
            "chromium must be installed for the dashboard test: /usr/bin/chromium is missing (apt-get install -y chromium, or set CHROMIUM_PATH)");
        if (!Directory.Exists(Path.Combine(browserDirectory, "node_modules", "playwright-core")))
        {
            var install = await RunAsync("npm", "ci --no-audit --no-fund", browserDirectory);
            Assert.True(install.ExitCode == 0, $"npm ci installs playwright-core for the dashboard test: exit={install.ExitCode} {install.Output} (is npm installed and the registry reachable?)");
        }

        await using var server = await TestServer.StartAsync();
        var rings = new[]
        {
            new TestRing(server.RingDirectory, "binance", "BTCUSDT", "ETHUSDT"),
            new TestRing(server.RingDirectory, "coinbase", "BTC-USD"),
            new TestRing(server.RingDirectory, "kraken", "BTC/USD"),
        };
        using var feeding = new CancellationTokenSource();
        var feeder = Task.Run(() => Feed(rings, feeding.Token));
        var artifacts = Path.Combine(root, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "dashboard.png");
        try
        {
            var run = await RunAsync("node", $"dashboard-test.mjs {server.HttpUri} {screenshot} {string.Join(",", Exchanges)}", browserDirectory);

            Assert.True(run.ExitCode == 0, $"the dashboard test in chromium failed: exit={run.ExitCode} {run.Output}");
            Assert.True(new FileInfo(screenshot).Length > 0, $"the screenshot is written: {screenshot}");
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder;
            foreach (var ring in rings)
            {
                ring.Dispose();
            }
        }
    }

    /// <summary>A small market per ring: a snapshot now and then, deltas and trades in between, paced like a quiet feed.</summary>
    private static async Task Feed(TestRing[] rings, CancellationToken token)
    {
        var random = new Random(3);
        for (var tick = 0; !token.IsCancellationRequested; tick++)
        {
            foreach (var ring in rings)
            {
                for (ushort id = 0; id < ring.Symbols.Length; id++)
                {
                    var mid = 60_000m + (id * 1000);
                    if (tick % 50 == 0)
                    {
                        ring.Snapshot(id, [.. Enumerable.Range(1, 15).Select(i => new PriceLevel(TestRing.Price(mid - i), TestRing.Size(random.Next(1, 9))))], [.. Enumerable.Range(1, 15).Select(i => new PriceLevel(TestRing.Price(mid + i), TestRing.Size(random.Next(1, 9))))]);
                    }
                    else
                    {
                        var offset = random.Next(1, 15);
                        ring.Delta(id, [new PriceLevel(TestRing.Price(mid - offset), TestRing.Size(random.Next(1, 9)))], [new PriceLevel(TestRing.Price(mid + offset), TestRing.Size(random.Next(1, 9)))]);
                        ring.Trade(id, mid + random.Next(-10, 10), random.Next(1, 100) / 100m, random.Next(2) == 0 ? TradeSide.Buy : TradeSide.Sell);
                    }
                }
            }

            try
            {
                await Task.Delay(20, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlphaPulse.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"the tests run inside the repository: no AlphaPulse.slnx above {AppContext.BaseDirectory} (run them from the checkout)");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{file} starts: Process.Start returned null (is {file} on PATH?)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output + await error);
    }
}
