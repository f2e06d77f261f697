using YamlDotNet.RepresentationModel;

namespace AlphaPulse.Build.Monitoring;

/// <summary>One rule of a Prometheus rule file: an alert or a recording rule, its name, expression and severity label.</summary>
public sealed record RuleEntry(string Kind, string Name, string Expression, string Severity);

/// <summary>
/// Reads a Prometheus rule file (<c>groups</c> → <c>rules</c>, each with <c>alert</c> or <c>record</c>):
/// the one reader of deploy/monitoring/rules for validation's thresholds and for the tests that check
/// the names the rules use.
/// </summary>
public static class RuleFile
{
    public const string Alert = "alert";
    public const string Record = "record";

    public static IReadOnlyList<RuleEntry> Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var rules = new List<RuleEntry>();
        foreach (var group in ((YamlSequenceNode)root.Children[new YamlScalarNode("groups")]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group.Children[new YamlScalarNode("rules")]).Cast<YamlMappingNode>())
            {
                var kind = Scalar(rule, Alert) is null ? Record : Alert;
                var severity = rule.Children.TryGetValue(new YamlScalarNode("labels"), out var labels) && labels is YamlMappingNode map ? Scalar(map, "severity") ?? "" : "";
                rules.Add(new RuleEntry(kind, Scalar(rule, kind) ?? "", Scalar(rule, "expr") ?? "", severity));
            }
        }
        return rules;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
