using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Workflows;

/// <summary>A YAML node: a scalar, an ordered mapping or a sequence. Just enough YAML for GitHub Actions.</summary>
public abstract record YamlNode
{
    /// <summary>A string is a scalar; null stays null, so optional values can be passed to <see cref="YamlMap.Add"/>.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator YamlNode?(string? value) => value is null ? null : new YamlScalar(value);
}

/// <summary>
/// A scalar. A string is quoted by the writer when plain style would change its meaning; a
/// <paramref name="IsTyped"/> scalar (a boolean or number made by <see cref="Bool"/> or <see cref="Number"/>)
/// is written as is, so a reader sees the type GitHub expects.
/// </summary>
public sealed record YamlScalar(string Value, bool IsTyped = false) : YamlNode
{
    public static YamlScalar Bool(bool value) => new(value ? "true" : "false", IsTyped: true);

    public static YamlScalar Number(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), IsTyped: true);
}

/// <summary>A sequence of nodes, written in block style.</summary>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode
{
    public static YamlSequence Of(IEnumerable<string> items) => new(items.Select(item => (YamlNode)item).ToList());
}

/// <summary>
/// A mapping that keeps insertion order (GitHub reads <c>name</c>, <c>on</c>, <c>jobs</c> in the order written,
/// and people expect them so). <see cref="Add"/> skips null values so optional keys read naturally.
/// </summary>
public sealed record YamlMap : YamlNode
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => _entries;

    public YamlMap Add(string key, YamlNode? value)
    {
        if (value is not null)
        {
            _entries.Add(new(key, value));
        }
        return this;
    }

    public static YamlMap Of(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new YamlMap();
        foreach (var (key, value) in pairs)
        {
            map.Add(key, value);
        }
        return map;
    }
}

/// <summary>
/// Writes YAML in block style, deterministically: two-space indent, sequences indented under their key,
/// multi-line strings as literal blocks, and a scalar quoted (single quotes) only when plain style would
/// change its meaning (YAML 1.2 §7.3.3, plus YAML 1.1's booleans such as <c>on</c> and <c>yes</c>, which
/// some readers still honour).
/// </summary>
public static partial class YamlWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string Write(YamlMap document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        WriteMap(text, document, 0);
        return text.ToString();
    }

    /// <summary>The scalar as it must appear in plain or single-quoted style (not for multi-line text).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NeedsQuotes(value) ? $"'{value.Replace("'", "''", StringComparison.Ordinal)}'" : value;
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            text.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    /// <summary>Writes what follows <c>key:</c> or <c>- </c>: inline for scalars and empty collections, on new lines otherwise.</summary>
    private static void WriteValue(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar { Value: var scalar } when scalar.Contains('\n', StringComparison.Ordinal):
                text.Append(scalar.EndsWith('\n') ? " |\n" : " |-\n");
                foreach (var line in scalar.TrimEnd('\n').Split('\n'))
                {
                    text.Append(' ', line.Length == 0 ? 0 : indent + 2).Append(line).Append('\n');
                }
                break;
            case YamlScalar { Value: var scalar, IsTyped: var typed }:
                text.Append(' ').Append(typed ? scalar : Quote(scalar)).Append('\n');
                break;
            case YamlMap { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case YamlSequence { Items.Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlSequence sequence:
                text.Append('\n');
                WriteSequence(text, sequence, indent + 2);
                break;
            default:
                throw new ArgumentException($"a YAML node must be a scalar, map or sequence: node={value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteSequence(StringBuilder text, YamlSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            text.Append(' ', indent).Append('-');
            if (item is YamlMap { Entries.Count: > 0 } map)
            {
                // "- key: value" with the map's other keys aligned under the first.
                var (firstKey, firstValue) = map.Entries[0];
                text.Append(' ').Append(Key(firstKey)).Append(':');
                WriteValue(text, firstValue, indent + 2);
                var rest = new YamlMap();
                foreach (var (key, value) in map.Entries.Skip(1))
                {
                    rest.Add(key, value);
                }
                WriteMap(text, rest, indent + 2);
            }
            else
            {
                WriteValue(text, item, indent);
            }
        }
    }

    /// <summary>Keys that look like identifiers stay plain (GitHub's <c>on:</c> included); anything else is quoted.</summary>
    private static string Key(string key) => IdentifierKey().IsMatch(key) ? key : Quote(key);

    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || char.IsWhiteSpace(value[0])
        || char.IsWhiteSpace(value[^1])
        || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)
        || value.Contains(": ", StringComparison.Ordinal)
        || value.Contains(" #", StringComparison.Ordinal)
        || value.EndsWith(':')
        || value.Any(char.IsControl)
        || Reserved.Contains(value)
        || NumberLike().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex IdentifierKey();

    // Integers, decimals, exponents, octal/hex, sexagesimal (YAML 1.1) and the special floats.
    [GeneratedRegex(@"^([-+]?(\.?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0[xXoO][0-9a-fA-F_]+|\d+(:\d+)+)|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NumberLike();
}
