using System.Diagnostics;
using System.Globalization;

namespace AlphaPulse.Bench;

/// <summary>
/// Runs one writer/reader pair as two child processes of this program (writer pinned to core 0,
/// reader to core 1), and returns the reader's and writer's "result" fields. Single-threaded.
/// </summary>
internal static class LatencyHarness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Shared memory: the writer creates the ring, then the reader attaches.</summary>
    public static (Dictionary<string, double> Reader, Dictionary<string, double> Writer) RunShm(string directory, long count, long rate, long warmup)
    {
        var path = Path.Combine(directory, "latency.ring");
        File.Delete(path);
        using var writer = Child.Start(new RoleArguments("shm-writer", path, count, rate, warmup, 0));
        writer.Expect("ready");
        using var reader = Child.Start(new RoleArguments("shm-reader", path, count, rate, warmup, 1));
        reader.Expect("ready");
        writer.Send("go");
        return (reader.Result(), writer.Result());
    }

    /// <summary>Unix socket: the reader listens first, then the writer connects.</summary>
    public static (Dictionary<string, double> Reader, Dictionary<string, double> Writer) RunUds(string directory, long count, long rate, long warmup)
    {
        var path = Path.Combine(directory, "latency.sock");
        using var reader = Child.Start(new RoleArguments("uds-reader", path, count, rate, warmup, 1));
        reader.Expect("ready");
        using var writer = Child.Start(new RoleArguments("uds-writer", path, count, rate, warmup, 0));
        writer.Expect("ready");
        writer.Send("go");
        return (reader.Result(), writer.Result());
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
