using System.Text;

namespace AlphaPulse.Build.Engine;

/// <summary>Name forms shared by targets and parameters: kebab-case, SCREAMING_SNAKE and fuzzy matching.</summary>
public static class NameMatching
{
    /// <summary><c>ImageTag</c> → <c>image-tag</c>; <c>EnvironmentName</c> → <c>environment-name</c>.</summary>
    public static string ToKebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('-');
            }
            builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return builder.ToString().Replace("--", "-", StringComparison.Ordinal);
    }

    /// <summary><c>image-tag</c> → <c>IMAGE_TAG</c>.</summary>
    public static string ToScreamingSnakeCase(string name) =>
        ToKebabCase(name).Replace('-', '_').ToUpperInvariant();

    /// <summary>Case- and dash-insensitive key: <c>image-build</c>, <c>ImageBuild</c>, <c>image_build</c> are equal.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>The candidate closest to <paramref name="input"/>, or null when nothing is reasonably close.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var key = Normalize(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var candidateKey = Normalize(candidate);
            var distance = candidateKey.StartsWith(key, StringComparison.Ordinal) || key.StartsWith(candidateKey, StringComparison.Ordinal)
                ? Math.Abs(candidateKey.Length - key.Length) / 2
                : Levenshtein(key, candidateKey);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best is not null && bestDistance <= Math.Max(2, key.Length / 2) ? best : null;
    }

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
