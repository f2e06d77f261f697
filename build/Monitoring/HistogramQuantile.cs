namespace AlphaPulse.Build.Monitoring;

/// <summary>
/// PromQL's <c>histogram_quantile</c> over cumulative bucket counts (upper bound → count, +Inf last):
/// linear interpolation inside the bucket the rank falls in; a rank in the +Inf bucket answers the
/// highest finite bound, as Prometheus does. Used where validation reads /metrics directly.
/// </summary>
public static class HistogramQuantile
{
    public static double? Of(double quantile, IReadOnlyList<(double UpperBound, double Count)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0 || buckets[^1].Count <= 0)
        {
            return null;
        }
        var rank = quantile * buckets[^1].Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upperBound, count) in buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upperBound))
                {
                    return lowerBound;
                }
                return count == lowerCount ? upperBound : lowerBound + ((upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount));
            }
            lowerBound = upperBound;
            lowerCount = count;
        }
        return lowerBound;
    }
}
