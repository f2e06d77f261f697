using System.Diagnostics;

namespace AlphaPulse.Build.Engine;

/// <summary>A line a tool printed, and whether it came on standard error.</summary>
public readonly record struct Output(string Text, bool IsError);

/// <summary>How a tool ended: its exit code and every line it printed, in order.</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<Output> Output)
{
    public string StandardOutput => string.Join('\n', Output.Where(line => !line.IsError).Select(line => line.Text));

    public string StandardError => string.Join('\n', Output.Where(line => line.IsError).Select(line => line.Text));
}

/// <summary>A tool that exited with a non-zero code; the message names the command (secrets masked by the log).</summary>
public sealed class ProcessException(string command, int exitCode, IReadOnlyList<Output> output)
    : Exception($"`{command}` exited with code {exitCode}{Tail(output)}")
{
    public string Command { get; } = command;

    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<Output> Output { get; } = output;

    private static string Tail(IReadOnlyList<Output> output)
    {
        var errors = output.Where(line => line.IsError && !string.IsNullOrWhiteSpace(line.Text)).TakeLast(5).Select(line => line.Text).ToList();
        return errors.Count == 0 ? "" : ":\n  " + string.Join("\n  ", errors);
    }
}

/// <summary>
/// Runs tools (dotnet, docker, python3 …): output streamed through the masking log as it arrives and
/// kept for parsing, exit codes checked, failures naming the command.
/// </summary>
public static class ProcessTasks
{
    /// <summary>Runs a tool and fails with a <see cref="ProcessException"/> when it exits non-zero.</summary>
    public static IReadOnlyList<Output> Run(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool logOutput = true,
        TimeSpan? timeout = null)
    {
        var (exitCode, output, command) = Start(tool, arguments, workingDirectory, environment, logOutput, timeout);
        return exitCode == 0 ? output : throw new ProcessException(command, exitCode, output);
    }

    /// <summary>Runs a tool and returns how it ended, whatever its exit code; the caller decides what it means.</summary>
    public static ProcessResult Execute(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool logOutput = true,
        TimeSpan? timeout = null)
    {
        var (exitCode, output, _) = Start(tool, arguments, workingDirectory, environment, logOutput, timeout);
        return new ProcessResult(exitCode, output);
    }

    private static (int ExitCode, IReadOnlyList<Output> Output, string Command) Start(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        bool logOutput,
        TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Log.Context?.RootDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var command = $"{tool} {string.Join(' ', start.ArgumentList.Select(Quote))}".TrimEnd();
        Log.Information($"> {command}");

        var output = new List<Output>();
        using var process = new Process { StartInfo = start };
        void Receive(string? text, bool isError)
        {
            if (text is null)
            {
                return;
            }
            lock (output)
            {
                output.Add(new Output(text, isError));
            }
            if (logOutput)
            {
                Log.Information(text);
            }
        }
        process.OutputDataReceived += (_, line) => Receive(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => Receive(line.Data, isError: true);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new BuildException($"cannot start `{command}`: {exception.Message} (is {tool} installed and on PATH?)", exception);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            throw new BuildException($"`{command}` did not finish within {timeout}: killed it (raise the timeout or find what hangs)");
        }
        process.WaitForExit();
        return (process.ExitCode, output, command);
    }

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) ? $"\"{argument}\"" : argument;
}
