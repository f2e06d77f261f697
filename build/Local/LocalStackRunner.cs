using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Local;

/// <summary>
/// Runs services as child processes on this machine: starts them in order (each one's ports free
/// before it starts, and it ready before the next), prints what runs where, shows one status line per interval, and stops everything — newest
/// first, SIGTERM then SIGKILL — on Ctrl+C, SIGTERM, a service dying, or the end of <c>runFor</c>.
/// With <paramref name="prometheus"/> a real Prometheus scrapes them; at the end of <c>runFor</c> it must
/// report every target up and no alert firing, or the run fails.
/// </summary>
public sealed class LocalStackRunner(IReadOnlyList<LocalService> services, string binDirectory, string logDirectory, LocalPrometheus? prometheus = null)
{
    private static readonly TimeSpan PrometheusTargetsDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Builds and runs the stack; returns true when every service became ready and stopped cleanly.</summary>
    public bool Run(TimeSpan? runFor, IEnumerable<string> notes)
    {
        using var stopping = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var running = new List<ServiceProcess>();
        try
        {
            foreach (var service in services)
            {
                if (PortCheck.FindTaken(service) is { } taken)
                {
                    throw new BuildException(taken);
                }

                var process = StartService(service);
                running.Add(process);
                WaitUntilReady(http, service.Name, service.ReadyUrl, process, stopping.Token);
            }
            if (prometheus is not null)
            {
                running.Add(StartPrometheus(prometheus, http, stopping.Token));
            }
            PrintLayout(running, notes);
            var status = new StatusLine(http, services);
            var deadline = runFor is { } limit ? Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
            while (!stopping.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
            {
                if (running.FirstOrDefault(process => process.HasExited) is { } died)
                {
                    throw new BuildException($"{died.Name} exited with code {died.ExitCode} while the stack was running: {LastLines(died.Name)}");
                }
                stopping.Token.WaitHandle.WaitOne(StatusInterval);
                Log.Information(status.Next());
            }
            if (prometheus is not null && !stopping.IsCancellationRequested)
            {
                VerifyThroughPrometheus(prometheus, http);
            }
            return true;
        }
        finally
        {
            Log.Information("Stopping the local stack…");
            var clean = true;
            for (var i = running.Count - 1; i >= 0; i--)
            {
                var stoppedCleanly = running[i].Stop(StopGrace);
                clean &= stoppedCleanly;
                Log.Information($"  {running[i].Name,-12} {(stoppedCleanly ? "stopped" : $"did not stop within {StopGrace.TotalSeconds:0} s: killed")}");
                running[i].Dispose();
            }
            if (!clean)
            {
                Log.Warning("a service ignored SIGTERM: it would be killed the same way in Kubernetes after the grace period");
            }
        }
    }

    private ServiceProcess StartPrometheus(LocalPrometheus server, HttpClient http, CancellationToken stopping)
    {
        if (PortCheck.FindTaken("prometheus", server.Port) is { } taken)
        {
            throw new BuildException(taken);
        }
        server.Prepare(services);
        var process = server.Start(LogPath("prometheus"));
        WaitUntilReady(http, "prometheus", new Uri(server.Url, "/-/ready"), process, stopping);
        return process;
    }

    private static void VerifyThroughPrometheus(LocalPrometheus server, HttpClient http)
    {
        Log.Information($"Asking Prometheus ({server.Url}) whether every target is up and no alert fires (targets waited for up to {PrometheusTargetsDeadline.TotalSeconds:F0} s)…");
        var checks = new PrometheusHealthCheck(new PrometheusApi(http, server.Url), PrometheusTargetsDeadline).RunAsync().GetAwaiter().GetResult();
        foreach (var check in checks)
        {
            Log.Information($"  {check}");
        }
        if (checks.Any(check => !check.Passed))
        {
            throw new BuildException($"Prometheus reports an unhealthy stack: {string.Join("; ", checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}"))}");
        }
    }

    private ServiceProcess StartService(LocalService service)
    {
        var (program, arguments) = service.StartCommand(binDirectory);
        return ServiceProcess.Start(service.Name, program, arguments, service.Environment, LogPath(service.Name));
    }

    private string LastLines(string name) =>
        string.Join(" | ", File.ReadLines(LogPath(name)).TakeLast(3)) + $" (log: {LogPath(name)})";

    private void WaitUntilReady(HttpClient http, string name, Uri readyUrl, ServiceProcess process, CancellationToken stopping)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < ReadyTimeout)
        {
            stopping.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BuildException($"{name} exited with code {process.ExitCode} before it was ready: {LastLines(name)}");
            }
            try
            {
                using var response = http.GetAsync(readyUrl, stopping).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    Log.Information($"  {name,-12} ready after {started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
            {
                // A slow answer while it starts; ask again.
            }
            Thread.Sleep(250);
        }
        throw new BuildException($"{name} was not ready within {ReadyTimeout.TotalSeconds:0} s: {readyUrl} never answered 200");
    }

    private void PrintLayout(IReadOnlyList<ServiceProcess> running, IEnumerable<string> notes)
    {
        Log.Information("");
        Log.Information("AlphaPulse is running:");
        foreach (var (service, process) in services.Zip(running))
        {
            Log.Information($"  {service.Name,-12} pid {process.ProcessId,-7} {service.Url ?? service.HttpBase.ToString()}   log {LogPath(service.Name)}");
        }
        if (prometheus is not null)
        {
            Log.Information($"  {"prometheus",-12} pid {running[^1].ProcessId,-7} {prometheus.Url}  (targets {prometheus.Url}targets, alerts {prometheus.Url}alerts)   log {LogPath("prometheus")}");
        }
        foreach (var note in notes)
        {
            Log.Information($"  {note}");
        }
        Log.Information("Press Ctrl+C to stop everything.");
        Log.Information("");
    }

    private string LogPath(string name) => Path.Combine(logDirectory, name + ".log");
}
