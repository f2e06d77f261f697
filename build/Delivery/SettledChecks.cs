using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Runs a set of checks until they all pass or the attempts run out, logging each failed attempt: services
/// settle after a replacement, and on a busy 2-core host one 2 s latency window can catch a reader that
/// was descheduled. Used by Deploy's validation and by Smoke alike, so both judge an environment the same way.
/// </summary>
public static class SettledChecks
{
    public const int Attempts = 4;

    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<Check>> RunAsync(Func<Task<IReadOnlyList<Check>>> run, string what)
    {
        ArgumentNullException.ThrowIfNull(run);
        IReadOnlyList<Check> checks = [];
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            checks = await run().ConfigureAwait(false);
            if (checks.All(check => check.Passed))
            {
                return checks;
            }
            Log.Information($"  {what} attempt {attempt} of {Attempts}: {string.Join("; ", checks.Where(check => !check.Passed))}");
            if (attempt < Attempts)
            {
                await Task.Delay(Pause).ConfigureAwait(false);
            }
        }
        return checks;
    }
}
