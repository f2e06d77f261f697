using System.Diagnostics;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// A real child process running AlphaPulse.Core.TestProcess (copied beside this assembly), driven
/// line by line over stdin/stdout. Killed on dispose. One test thread at a time.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    /// <summary>Guards against a hung child; a generous bound, not a performance assertion.</summary>
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static ChildProcess Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AlphaPulse.Core.TestProcess.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>The next stdout line; fails the test if the child exits or stays silent too long.</summary>
    public string ReadLine()
    {
        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(LineTimeout) || line.Result is null)
        {
            var stderr = _process.HasExited ? _process.StandardError.ReadToEnd() : "(still running)";
            throw new InvalidOperationException($"child process wrote no line: pid={_process.Id}, stderr={stderr}");
        }

        return line.Result;
    }

    /// <summary>Reads lines until one starts with the prefix, and returns it.</summary>
    public string ReadLineStartingWith(string prefix)
    {
        while (true)
        {
            var line = ReadLine();
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>SIGKILL: the process dies without running any cleanup, as in a crash.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public int WaitForExit()
    {
        if (!_process.WaitForExit(LineTimeout))
        {
            throw new InvalidOperationException($"child process did not exit: pid={_process.Id}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
