using System.Text;
using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Docker;

/// <summary>
/// <c>.dockerignore</c> rules as the engine applies them (docs.docker.com, "Dockerignore files"): one
/// pattern a line, <c>#</c> comments, <c>*</c> and <c>?</c> within a path segment, <c>**</c> across any
/// number of them, <c>!</c> re-includes, and the last pattern that matches a path (or one of its parent
/// folders) decides. Immutable; safe from any thread.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Include, string Text)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool, string)> rules) => _rules = rules;

    public static DockerIgnore Empty { get; } = new([]);

    public static DockerIgnore Parse(string text, IEnumerable<string>? extraLines = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<(Regex, bool, string)>();
        foreach (var raw in text.Split('\n').Concat(extraLines ?? []))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var include = line.StartsWith('!');
            var pattern = Normalise(include ? line[1..].Trim() : line);
            if (pattern.Length > 0)
            {
                rules.Add((new Regex(ToRegex(pattern), RegexOptions.CultureInvariant), include, pattern));
            }
        }
        return new DockerIgnore(rules);
    }

    /// <summary>Reads <c>.dockerignore</c> in <paramref name="contextDirectory"/>, or no rules when it has none.</summary>
    public static DockerIgnore Load(string contextDirectory, IEnumerable<string>? extraLines = null)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        return Parse(File.Exists(file) ? File.ReadAllText(file) : "", extraLines);
    }

    /// <summary>True when <paramref name="relativePath"/> (slash-separated, from the context root) stays out of the context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var path = Normalise(relativePath);
        var excluded = false;
        foreach (var (pattern, include, _) in _rules)
        {
            if (MatchesOrParentMatches(pattern, path))
            {
                excluded = !include;
            }
        }
        return excluded;
    }

    /// <summary>
    /// True when an excluded folder can be skipped without looking inside: no re-include rule could
    /// bring back anything below it.
    /// </summary>
    public bool CanSkipDirectory(string relativePath)
    {
        var path = Normalise(relativePath);
        return IsExcluded(path) && !_rules.Any(rule => rule.Include && (rule.Text.StartsWith(path + "/", StringComparison.Ordinal) || rule.Text.Contains("**", StringComparison.Ordinal)));
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path))
        {
            return true;
        }
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (pattern.IsMatch(path[..slash]))
            {
                return true;
            }
        }
        return false;
    }

    // Docker cleans every pattern (filepath.Clean) and treats it as relative to the context root.
    private static string Normalise(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".");
        return string.Join('/', segments);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
                var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slashFollows ? "(.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        return regex.Append('$').ToString();
    }
}
