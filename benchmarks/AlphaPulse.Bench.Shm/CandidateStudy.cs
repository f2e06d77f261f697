using System.Globalization;
using System.Text;
using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// Issue 13's candidates for the tail the suite added around the shm roles, measured one at a time:
/// for each, the suite's settings (A) and the same with that one switch flipped (B) run in interleaved
/// rounds (A, B, A, B …) of our ring at 100k msg/s, each figure with the 1-minute load average when it
/// was taken. Writes <c>shm-candidates.md</c> under the output directory. Not a gate: evidence for the README.
/// </summary>
internal static class CandidateStudy
{
    private static readonly (string Name, HarnessSettings Variant)[] Candidates =
    [
        ("runtime threads left unpinned", HarnessSettings.Default with { PinRuntimeThreads = false }),
        ("ring not prefaulted (first-touch faults)", HarnessSettings.Default with { Prefault = false }),
        ("no priority change (nice 0)", HarnessSettings.Default with { RaisePriority = false }),
        ("reader spin-then-yield instead of busy-spin", HarnessSettings.Default with { BusySpin = false }),
        ("raw arrays instead of HdrHistogram recording", HarnessSettings.Default with { HdrRecording = false }),
        ("previous suite settings (unpinned runtime, no prefault)", HarnessSettings.Default with { PinRuntimeThreads = false, Prefault = false }),
    ];

    public static int Run(string output, int rounds, long count)
    {
        const long Warmup = 20_000;
        var scratch = Path.Combine("/dev/shm", "alphapulse-study-" + Environment.ProcessId);
        _ = Directory.CreateDirectory(scratch);
        _ = Directory.CreateDirectory(output);
        var table = new StringBuilder();
        _ = table.AppendLine(CultureInfo.InvariantCulture, $"| candidate (B) vs suite settings (A), {rounds} interleaved rounds of {count:N0} msgs at 100k msg/s | A p50 / p99 / p99.9 µs (median of rounds) | B p50 / p99 / p99.9 µs | per-round p99 µs A → B (load 1m) |");
        _ = table.AppendLine("|---|---|---|---|");
        try
        {
            foreach (var (name, variant) in Candidates)
            {
                var (a, b) = (new List<double[]>(), new List<double[]>());
                var rows = new List<string>();
                for (var round = 0; round < rounds; round++)
                {
                    var ra = Once(scratch, count + Warmup, Warmup, HarnessSettings.Default);
                    var rb = Once(scratch, count + Warmup, Warmup, variant);
                    a.Add(ra);
                    b.Add(rb);
                    rows.Add(string.Create(CultureInfo.InvariantCulture, $"{ra[1] / 1000:0.#} → {rb[1] / 1000:0.#} ({ra[3]:0.0}/{rb[3]:0.0})"));
                    Console.WriteLine($"study: {name}: round {round + 1}: A p99={ra[1]:0} ns load={ra[3]:0.00}; B p99={rb[1]:0} ns load={rb[3]:0.00}");
                }

                _ = table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Medians(a)} | {Medians(b)} | {string.Join("; ", rows)} |");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var path = Path.Combine(output, "shm-candidates.md");
        File.WriteAllText(path, table.ToString());
        Console.WriteLine(table);
        Console.WriteLine($"study: wrote {path}");
        return 0;
    }

    /// <summary>One run: p50, p99, p99.9 (ns) and the load average when it ended.</summary>
    private static double[] Once(string scratch, long count, long warmup, HarnessSettings settings)
    {
        var (reader, _) = LatencyHarness.RunRing("shm", scratch, count, 100_000, warmup, settings);
        return [reader["p50"], reader["p99"], reader["p999"], MachineLoad.OneMinute()];
    }

    private static string Medians(List<double[]> runs)
    {
        double Median(int field)
        {
            var values = runs.Select(run => run[field]).Order().ToArray();
            return values[values.Length / 2] / 1000;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Median(0):0.##} / {Median(1):0.#} / {Median(2):0.#}");
    }
}
