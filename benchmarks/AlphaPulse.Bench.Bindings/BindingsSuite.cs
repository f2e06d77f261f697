using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Bench.Bindings;

/// <summary>
/// Runs bench_bindings.py with Debian's python3 against the library <c>./build.sh Compile</c> published (published
/// here when missing) and the C# test writer, and writes its figures and this run's gates to
/// <c>artifacts/bench/bindings.json</c>. The measuring is Python's: the costs are what a Python caller pays.
/// </summary>
internal static class BindingsSuite
{
    private const string Python = "/usr/bin/python3";

    public static int Run(SuiteArguments arguments)
    {
        var root = RepositoryRoot();
        var library = Environment.GetEnvironmentVariable("ALPHAPULSE_LIB") is { Length: > 0 } configured ? configured : Path.Combine(root, "artifacts", "bindings", "libalphapulse.so");
        if (!File.Exists(library) && !Publish(root, library))
        {
            return 1;
        }
        var writer = Path.Combine(root, "tests", "AlphaPulse.Bindings.TestWriter", "bin", "Release", "net10.0", "AlphaPulse.Bindings.TestWriter.dll");
        var script = Path.Combine(AppContext.BaseDirectory, "bench_bindings.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true };
        foreach (var argument in (string[])[script, "--writer", writer, "--package", Path.Combine(root, "source", "AlphaPulse.Bindings", "python"), .. arguments.Quick ? ["--quick"] : Array.Empty<string>()])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ALPHAPULSE_LIB"] = library;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        string? last = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            last = line;
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || last is null || !last.StartsWith('{'))
        {
            Console.Error.WriteLine($"bench_bindings.py must end with its metrics as one JSON line: exit={process.ExitCode} (see its output above)");
            return 1;
        }
        var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(last)!;
        metrics["load_average_1m"] = MachineLoad.OneMinute();
        _ = SuiteReport.Write(arguments.Output, arguments.Suite, metrics, arguments.Gates);
        return 0;
    }

    /// <summary>The library is a NativeAOT publish; a bench run on a fresh checkout makes it as Compile would.</summary>
    private static bool Publish(string root, string library)
    {
        using var publish = Process.Start("dotnet", ["publish", Path.Combine(root, "source", "AlphaPulse.Bindings"), "-c", "Release", "-o", Path.GetDirectoryName(library)!, "--nologo", "-v", "quiet"]);
        publish.WaitForExit();
        if (publish.ExitCode == 0 && File.Exists(library))
        {
            return true;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the bindings suite reads through libalphapulse.so: {library} is missing and publishing it exited {publish.ExitCode} (run ./build.sh Compile)"));
        return false;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AlphaPulse.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"the bindings suite runs from the repository's benchmarks folder: base={AppContext.BaseDirectory} (build it with ./build.sh Bench --suite bindings)");
    }
}
