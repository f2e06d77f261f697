using System.Diagnostics;
using System.Globalization;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>
/// The real collector executable as a child process (one replica), so that a test can kill it with SIGKILL mid-stream
/// and start it again on the same ring, exactly as a crashed pod restarts.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CollectorProcess(Process process, string replica)
    {
        _process = process;
        Replica = replica;
    }

    public string Replica { get; }

    public static CollectorProcess Start(SimulatorProcess simulator, string directory, string replica, string exchange = "binance", string symbols = "BTC-USDT,ETH-USDT")
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AlphaPulse.Collector.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["EXCHANGE"] = exchange;
        start.Environment["SYMBOLS"] = symbols;
        start.Environment["METRICS_PORT"] = "0";
        start.Environment["SHARED_MEMORY_PATH"] = directory;
        start.Environment["REPLICA_ID"] = replica;
        start.Environment["FEED_URL"] = simulator.FeedUrl.ToString();
        start.Environment["REST_URL"] = simulator.RestUrl.ToString();
        start.Environment["BOOK_DEPTH"] = "5000";
        start.Environment["RING_SLOTS"] = (1 << 18).ToString(CultureInfo.InvariantCulture);
        start.Environment["LOG_LEVEL"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new CollectorProcess(process, replica);
    }

    /// <summary>SIGKILL: no shutdown code runs; the ring keeps whatever the replica last committed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
