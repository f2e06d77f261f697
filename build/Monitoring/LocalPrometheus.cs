using System.Globalization;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Monitoring;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) beside the local stack: a run folder holding a
/// copy of <see cref="MonitoringFiles.LocalConfig"/> and the rules — the same files Kubernetes uses — plus
/// <see cref="MonitoringFiles.TargetsFile"/> listing the services actually started, and its TSDB.
/// </summary>
public sealed class LocalPrometheus(string repositoryRoot, string runDirectory, int port)
{
    public const string Executable = "prometheus";

    public Uri Url { get; } = new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public int Port => port;

    /// <summary>Writes the run folder: config, rules and the targets of <paramref name="services"/>; an old TSDB is removed.</summary>
    public void Prepare(IEnumerable<LocalService> services)
    {
        if (FindExecutable() is null)
        {
            throw new BuildException($"--monitoring needs Prometheus's `{Executable}` on PATH: install Debian's package (sudo apt-get install prometheus) or leave --monitoring out");
        }
        if (Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(runDirectory, "rules"));
        File.Copy(Path.Combine(repositoryRoot, MonitoringFiles.LocalConfig), ConfigPath);
        foreach (var rules in Directory.GetFiles(Path.Combine(repositoryRoot, MonitoringFiles.RulesDirectory), "*.yml"))
        {
            File.Copy(rules, Path.Combine(runDirectory, "rules", Path.GetFileName(rules)));
        }
        File.WriteAllText(Path.Combine(runDirectory, MonitoringFiles.TargetsFile), ScrapeTargets.ToFileDiscoveryJson(services));
    }

    public ServiceProcess Start(string logPath) => ServiceProcess.Start(
        "prometheus",
        FindExecutable()!,
        [
            $"--config.file={ConfigPath}",
            $"--storage.tsdb.path={Path.Combine(runDirectory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--storage.tsdb.retention.time=1d",
        ],
        new Dictionary<string, string>(),
        logPath);

    private string ConfigPath => Path.Combine(runDirectory, "prometheus.yml");

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Executable))
            .FirstOrDefault(File.Exists);
}
