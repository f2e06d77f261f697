using System.Globalization;

namespace AlphaPulse.Build.Engine;

/// <summary>The table printed after a run (target, status, duration, facts) and the one-line verdict.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> plan, bool succeeded)
    {
        var rows = plan.Select(target => (
            target.Name,
            Status: target.Status switch
            {
                TargetStatus.Skipped => $"Skipped ({target.SkipReason})",
                TargetStatus.NotRun => "NotRun",
                _ => target.Status.ToString(),
            },
            Duration: target.Status is TargetStatus.Succeeded or TargetStatus.Failed ? FormatDuration(target.Duration) : "",
            Facts: string.Join(", ", target.SummaryFacts.Select(fact => $"{fact.Key}: {fact.Value}")))).ToList();
        var total = plan.Aggregate(TimeSpan.Zero, (sum, target) => sum + target.Duration);

        var nameWidth = Math.Max("Target".Length, rows.Max(row => row.Name.Length));
        var statusWidth = Math.Max("Status".Length, rows.Max(row => row.Status.Length));
        var durationWidth = Math.Max("Duration".Length, FormatDuration(total).Length);
        var rule = new string('═', nameWidth + statusWidth + durationWidth + 10);

        output.WriteLine();
        output.WriteLine(rule);
        output.WriteLine($"{"Target".PadRight(nameWidth)}   {"Status".PadRight(statusWidth)}   {"Duration".PadLeft(durationWidth)}   Facts");
        output.WriteLine(new string('─', rule.Length));
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Name.PadRight(nameWidth)}   {row.Status.PadRight(statusWidth)}   {row.Duration.PadLeft(durationWidth)}   {row.Facts}".TrimEnd());
        }
        output.WriteLine(new string('─', rule.Length));
        output.WriteLine($"{"Total".PadRight(nameWidth)}   {"".PadRight(statusWidth)}   {FormatDuration(total).PadLeft(durationWidth)}");
        output.WriteLine(rule);
        output.WriteLine();
        var when = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine(succeeded ? $"Build succeeded on {when}." : $"Build failed on {when}: {Describe(plan)}.");
    }

    private static string Describe(IReadOnlyList<ExecutableTarget> plan)
    {
        var failed = plan.Where(target => target.Status == TargetStatus.Failed).Select(target => target.Name).ToList();
        return failed.Count == 0 ? "no target failed" : $"{string.Join(", ", failed)} failed";
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? $"{(int)duration.TotalMinutes}:{duration.Seconds:00}"
            : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
