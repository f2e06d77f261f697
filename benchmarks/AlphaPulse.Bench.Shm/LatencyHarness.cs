using System.Diagnostics;
using System.Globalization;
using AlphaPulse.Bench.Reporting;
using AlphaPulse.Core;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// Runs one writer/reader pair as two child processes of this program (writer pinned to core 0,
/// reader to core 1), and returns the reader's and writer's "result" fields. Single-threaded.
/// The children are started straight from this process (no shell, no <c>dotnet run</c>) with tiered
/// compilation off, so nothing of ours but the two roles is runnable while they measure.
/// </summary>
internal static class LatencyHarness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Shared memory through our ring (<c>shm</c>) or the reference ring (<c>floor</c>): the writer
    /// creates the file, then the reader attaches.
    /// </summary>
    public static (Dictionary<string, double> Reader, Dictionary<string, double> Writer) RunRing(string kind, string directory, long count, long rate, long warmup, HarnessSettings settings, ICollection<MeasuredThread>? measured = null)
    {
        var path = Path.Combine(directory, kind + ".ring");
        File.Delete(path);
        File.Delete(path + LatencyRecorder.HistogramSuffix);
        return RunPair(new RoleArguments(kind + "-writer", path, count, rate, warmup, 0, settings), new RoleArguments(kind + "-reader", path, count, rate, warmup, 1, settings), writerFirst: true, measured);
    }

    /// <summary>Unix socket: the reader listens first, then the writer connects.</summary>
    public static (Dictionary<string, double> Reader, Dictionary<string, double> Writer) RunUds(string directory, long count, long rate, long warmup)
    {
        var path = Path.Combine(directory, "latency.sock");
        var settings = HarnessSettings.Default;
        return RunPair(new RoleArguments("uds-writer", path, count, rate, warmup, 0, settings), new RoleArguments("uds-reader", path, count, rate, warmup, 1, settings), writerFirst: false);
    }

    /// <summary>
    /// Starts both roles in the given order, each reporting "ready", then tells the writer to go. Each role
    /// measures on its process's main thread, so its thread id is the child's pid: those and the window
    /// from "go" to the results are added to <paramref name="measured"/> (the scheduler trace's cut).
    /// </summary>
    private static (Dictionary<string, double> Reader, Dictionary<string, double> Writer) RunPair(RoleArguments writerRole, RoleArguments readerRole, bool writerFirst, ICollection<MeasuredThread>? measured = null)
    {
        using var first = Child.Start(writerFirst ? writerRole : readerRole);
        first.Expect("ready");
        using var second = Child.Start(writerFirst ? readerRole : writerRole);
        second.Expect("ready");
        var (writer, reader) = writerFirst ? (first, second) : (second, first);
        var from = MonotonicClock.NowNanoseconds();
        writer.Send("go");
        var results = (reader.Result(), writer.Result());
        var to = MonotonicClock.NowNanoseconds();
        measured?.Add(new MeasuredThread(writer.Pid, from, to));
        measured?.Add(new MeasuredThread(reader.Pid, from, to));
        return results;
    }

    /// <summary>A harness child: this program in a role, JIT fully optimising up front (no tiering noise).</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly string _role;

        private Child(Process process, string role)
        {
            _process = process;
            _role = role;
        }

        public int Pid => _process.Id;

        public static Child Start(RoleArguments arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(typeof(LatencyHarness).Assembly.Location);
            foreach (var argument in arguments.ToArgs())
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["DOTNET_TieredCompilation"] = "0";
            var process = Process.Start(info) ?? throw new InvalidOperationException($"harness child did not start: role={arguments.Role}");
            return new Child(process, arguments.Role);
        }

        public void Expect(string line)
        {
            var got = ReadLine();
            if (got != line)
            {
                throw new InvalidOperationException($"harness child broke protocol: role={_role}, expected='{line}', got='{got}'");
            }
        }

        public void Send(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        /// <summary>The child's "result k=v ..." line as numbers (true/false as 1/0).</summary>
        public Dictionary<string, double> Result()
        {
            var line = ReadLine();
            if (!line.StartsWith("result ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"harness child gave no result: role={_role}, line='{line}'");
            }

            var fields = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var part in line["result ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                fields[key] = value switch
                {
                    "True" => 1,
                    "False" => 0,
                    _ => double.Parse(value, CultureInfo.InvariantCulture),
                };
            }

            return fields;
        }

        public void Dispose()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.Dispose();
        }

        private string ReadLine()
        {
            var task = _process.StandardOutput.ReadLineAsync();
            if (!task.Wait(Timeout) || task.Result is null)
            {
                throw new InvalidOperationException($"harness child stopped talking: role={_role}, exited={_process.HasExited}");
            }

            return task.Result;
        }
    }
}
