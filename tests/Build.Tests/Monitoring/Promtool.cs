using System.Diagnostics;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>
/// Runs Debian's <c>promtool</c> (package prometheus; .ci/run installs it). A missing promtool fails the
/// test that needs it with the install command — it is never a skip.
/// </summary>
internal static class Promtool
{
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("promtool is not installed: sudo apt-get install prometheus (.ci/run does)", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
