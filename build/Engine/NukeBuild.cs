using System.Linq.Expressions;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Base class of the build, with NUKE's public names: <c>Execute&lt;Build&gt;(x =&gt; x.Compile)</c>,
/// <c>RootDirectory</c>, <c>IsLocalBuild</c>/<c>IsServerBuild</c>, and the lifecycle hooks.
/// One instance per run; targets execute sequentially on the calling thread.
/// </summary>
public abstract class NukeBuild
{
    private BuildContext? _context;

    /// <summary>True on CI (<c>CI</c> or <c>GITHUB_ACTIONS</c> set), as NUKE's <c>IsServerBuild</c>.</summary>
    public static bool IsServerBuild =>
        Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true"
        || Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";

    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>The repository root: the directory holding <c>.nuke/</c>.</summary>
    public AbsolutePath RootDirectory => Context.RootDirectory;

    /// <summary>The temporary directory of the build (<c>.nuke/temp</c>), ignored by git.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>The run's arguments, environment and output; set before any hook or target runs.</summary>
    protected internal BuildContext Context
    {
        get => _context ?? throw new InvalidOperationException("the build context is set when the build starts (run it through Execute)");
        internal set => _context = value;
    }

    internal ExecutableTarget? CurrentTarget { get; set; }

    /// <summary>Runs the build with the process's arguments; the expressions name the default targets.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        ArgumentNullException.ThrowIfNull(defaultTargets);
        var names = defaultTargets.Select(expression => ((MemberExpression)expression.Body).Member.Name).ToArray();
        var context = BuildContext.FromProcess(Environment.GetCommandLineArgs().Skip(1).ToArray());
        Console.SetOut(context.Output);
        Console.SetError(context.Output);
        return BuildRunner.Run(new T(), context, names);
    }

    /// <summary>Adds a short fact (a test count, a report path) to the current target's summary row.</summary>
    protected void ReportSummary(string key, string value)
    {
        if (CurrentTarget is { } target)
        {
            target.SummaryFacts[key] = value;
        }
    }

    /// <summary>After parameters are injected and before the plan is made.</summary>
    protected internal virtual void OnBuildInitialized() { }

    /// <summary>After every target ended and the summary was printed; <paramref name="succeeded"/> is the verdict.</summary>
    protected internal virtual void OnBuildFinished(bool succeeded) { }

    /// <summary>Lines printed last, after the verdict (e.g. <c>N passed, N failed</c> for CI to read).</summary>
    protected internal virtual IEnumerable<string> ClosingLines() => [];
}
