namespace AlphaPulse.Build.Monitoring;

/// <summary>Where the monitoring configuration lives in the repository (deploy/monitoring/README.md).</summary>
public static class MonitoringFiles
{
    public const string Directory = "deploy/monitoring";

    /// <summary>Prometheus on Kubernetes: pod discovery by annotation.</summary>
    public const string KubernetesConfig = Directory + "/prometheus.yml";

    /// <summary>Prometheus for the stack on this machine: file discovery from <see cref="TargetsFile"/>.</summary>
    public const string LocalConfig = Directory + "/prometheus.local.yml";

    public const string RulesDirectory = Directory + "/rules";

    public const string AlertRules = RulesDirectory + "/alert_rules.yml";

    public const string RecordingRules = RulesDirectory + "/recording_rules.yml";

    /// <summary>promtool unit tests of the rules.</summary>
    public const string RuleTestsDirectory = Directory + "/tests";

    /// <summary>Grafana dashboards (JSON model).</summary>
    public const string DashboardsDirectory = Directory + "/dashboards";

    /// <summary>The file-discovery file the local config reads, written beside its copy.</summary>
    public const string TargetsFile = "targets.json";
}
