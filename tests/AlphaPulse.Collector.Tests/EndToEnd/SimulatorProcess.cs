using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>The real simulator executable as a child process on 127.0.0.1 and a free port (docs/simulator.md).</summary>
internal sealed partial class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public Uri FeedUrl => new($"ws://127.0.0.1:{Port}");

    public Uri RestUrl => new($"http://127.0.0.1:{Port}");

    public static async Task<SimulatorProcess> StartAsync(int rate, int depth, ulong seed, string symbols = "BTC-USDT,ETH-USDT")
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AlphaPulse.Simulator.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SIM_PORT"] = "0";
        start.Environment["SIM_HOST"] = "127.0.0.1";
        start.Environment["SIM_RATE"] = rate.ToString(CultureInfo.InvariantCulture);
        start.Environment["SIM_DEPTH"] = depth.ToString(CultureInfo.InvariantCulture);
        start.Environment["SIM_SEED"] = seed.ToString(CultureInfo.InvariantCulture);
        start.Environment["SIM_SYMBOLS"] = symbols;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                return new SimulatorProcess(process, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
        throw new InvalidOperationException($"the simulator must print the address it listens on: exit={process.ExitCode} (run it by hand to see why it stopped)");
    }

    /// <summary>Adds a fault rule acting on every connection (POST /control/faults).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await Http.PostAsJsonAsync("/control/faults", rule);
        _ = response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync("/control/faults");
        _ = response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> InjectedAsync() => (await Http.GetFromJsonAsync<JsonElement>("/control/faults")).GetProperty("injected");

    /// <summary>The simulator's book right after update id <paramref name="updateId"/>, whole (or its top <paramref name="depth"/>), in fixed point.</summary>
    public async Task<(PriceLevel[] Bids, PriceLevel[] Asks)> TruthAsync(string symbol, long updateId, int scale, string exchange = "binance", int? depth = null)
    {
        var query = $"?at={updateId.ToString(CultureInfo.InvariantCulture)}" + (depth is { } d ? $"&depth={d.ToString(CultureInfo.InvariantCulture)}" : "");
        var truth = await Http.GetFromJsonAsync<JsonElement>($"/truth/{exchange}/{symbol}{query}");
        return (Levels(truth.GetProperty("bids"), scale), Levels(truth.GetProperty("asks"), scale));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static PriceLevel[] Levels(JsonElement levels, int scale)
    {
        var result = new PriceLevel[levels.GetArrayLength()];
        var i = 0;
        foreach (var level in levels.EnumerateArray())
        {
            // Binance and Coinbase write ["price","qty"]; Kraken {"price":n,"qty":n} with the numbers' exact text.
            var (price, quantity) = level.ValueKind == JsonValueKind.Array
                ? (level[0].GetString()!, level[1].GetString()!)
                : (level.GetProperty("price").GetRawText(), level.GetProperty("qty").GetRawText());
            result[i++] = new PriceLevel(
                FixedPoint.Parse(System.Text.Encoding.UTF8.GetBytes(price), scale),
                FixedPoint.Parse(System.Text.Encoding.UTF8.GetBytes(quantity), scale));
        }
        return result;
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
