using System.Diagnostics;
using System.Globalization;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>
/// A server under test as a child process (the AlphaPulse server's dll, or the Node baseline), with
/// its CPU time and resident memory read from /proc. Killed on dispose. Single-threaded use.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static async Task<ChildProcess> StartAsync(string file, string arguments, string directory, IReadOnlyDictionary<string, string> environment, string readyLine, string? echoLinesWith = null)
    {
        var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} starts: Process.Start returned null (is it installed?)");
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(readyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
            else if (echoLinesWith is not null && line.Data?.Contains(echoLinesWith, StringComparison.Ordinal) == true)
            {
                Console.WriteLine($"    [{Path.GetFileName(file)}] {line.Data.Trim()}");
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                Console.Error.WriteLine($"[{Path.GetFileName(file)}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false) != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"a server under test prints '{readyLine}' when it listens: {file} {arguments} did not within 30 s (see its stderr above)");
        }

        return new ChildProcess(process);
    }

    /// <summary>User + system CPU seconds so far (/proc/pid/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
