using System.Globalization;

namespace AlphaPulse.Build.Local;

/// <summary>
/// Reads samples from the Prometheus text exposition format (what <c>/metrics</c> serves): enough to
/// sum a metric over its label sets for the local status line, or take its largest sample for validation.
/// </summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> (any labels); null when absent.</summary>
    public static double? Sum(string exposition, string metric)
    {
        var values = Values(exposition, metric);
        return values.Count == 0 ? null : values.Sum();
    }

    /// <summary>The largest sample of <paramref name="metric"/> (any labels); null when absent.</summary>
    public static double? Max(string exposition, string metric)
    {
        var values = Values(exposition, metric);
        return values.Count == 0 ? null : values.Max();
    }

    /// <summary>
    /// The cumulative buckets of histogram <paramref name="metric"/> (its <c>_bucket</c> series), summed
    /// over every other label by <c>le</c>, in bound order (+Inf last); empty when absent.
    /// </summary>
    public static IReadOnlyList<(double UpperBound, double Count)> Buckets(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var name = metric + "_bucket{";
        var byBound = new SortedDictionary<double, double>();
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            var labels = line[name.Length..line.IndexOf('}')];
            var le = labels.IndexOf("le=\"", StringComparison.Ordinal);
            if (le < 0)
            {
                continue;
            }
            var boundText = labels[(le + 4)..];
            boundText = boundText[..boundText.IndexOf('"')];
            var bound = boundText.SequenceEqual("+Inf") ? double.PositiveInfinity : double.Parse(boundText, NumberStyles.Float, CultureInfo.InvariantCulture);
            var valueText = line[(line.IndexOf('}') + 1)..].Trim();
            var space = valueText.IndexOf(' ');
            var value = double.Parse(space > 0 ? valueText[..space] : valueText, NumberStyles.Float, CultureInfo.InvariantCulture);
            byBound[bound] = byBound.GetValueOrDefault(bound) + value;
        }
        return [.. byBound.Select(bucket => (bucket.Key, bucket.Value))];
    }

    private static List<double> Values(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var values = new List<double>();
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[metric.Length..];
            if (rest.IsEmpty || (rest[0] != ' ' && rest[0] != '{'))
            {
                continue;
            }
            var valueStart = rest[0] == '{' ? rest.IndexOf('}') + 1 : 0;
            var valueText = rest[valueStart..].Trim();
            var space = valueText.IndexOf(' ');
            if (space > 0)
            {
                valueText = valueText[..space];
            }
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values.Add(value);
            }
        }
        return values;
    }
}
