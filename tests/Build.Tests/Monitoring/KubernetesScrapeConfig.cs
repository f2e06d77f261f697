using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>
/// Reads deploy/monitoring/prometheus.yml for tests: swaps Kubernetes discovery for a static target (for
/// Debian's promtool, built without it), and applies its relabelling to a discovered pod's meta labels
/// the way Prometheus does (anchored regex over the ;-joined source labels; replace or keep).
/// </summary>
internal static class KubernetesScrapeConfig
{
    public static string WithStaticTargets(string yaml)
    {
        var stream = Load(yaml);
        foreach (var job in ScrapeConfigs(stream))
        {
            job.Children.Remove(new YamlScalarNode("kubernetes_sd_configs"));
            job.Children.Add(new YamlScalarNode("static_configs"), new YamlSequenceNode(new YamlMappingNode(new YamlScalarNode("targets"), new YamlSequenceNode(new YamlScalarNode("127.0.0.1:1")))));
        }
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The target labels Prometheus gives a target with <paramref name="meta"/>; null when dropped.</summary>
    public static Dictionary<string, string>? Relabel(string yaml, IReadOnlyDictionary<string, string> meta)
    {
        var labels = new Dictionary<string, string>(meta, StringComparer.Ordinal);
        var job = ScrapeConfigs(Load(yaml)).Single();
        labels["job"] = ((YamlScalarNode)job.Children[new YamlScalarNode("job_name")]).Value!;
        foreach (var rule in ((YamlSequenceNode)job.Children[new YamlScalarNode("relabel_configs")]).Cast<YamlMappingNode>())
        {
            var sources = ((YamlSequenceNode)rule.Children[new YamlScalarNode("source_labels")]).Select(node => labels.GetValueOrDefault(((YamlScalarNode)node).Value!, ""));
            var value = string.Join(";", sources);
            var regex = new Regex($"^(?:{Scalar(rule, "regex") ?? "(.*)"})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var match = regex.Match(value);
            if ((Scalar(rule, "action") ?? "replace") == "keep")
            {
                if (!match.Success)
                {
                    return null;
                }
                continue;
            }
            if (match.Success)
            {
                labels[Scalar(rule, "target_label")!] = match.Result(Scalar(rule, "replacement") ?? "$1");
            }
        }
        return labels;
    }

    private static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream;
    }

    private static IEnumerable<YamlMappingNode> ScrapeConfigs(YamlStream stream) =>
        ((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("scrape_configs")]).Cast<YamlMappingNode>();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
