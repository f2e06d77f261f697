namespace AlphaPulse.Build.Engine;

/// <summary>
/// The build's output: every line goes through the run's masking writer. On GitHub Actions target
/// headers become collapsible groups and errors become <c>::error::</c> annotations.
/// </summary>
public static class Log
{
    private static readonly AsyncLocal<BuildContext?> CurrentContext = new();

    internal static BuildContext? Context
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }

    private static TextWriter Out => Context?.Output ?? Console.Out;

    private static bool OnGitHubActions => Context?.IsGitHubActions ?? false;

    public static void Information(string message) => Out.WriteLine(message);

    public static void Warning(string message) =>
        Out.WriteLine(OnGitHubActions ? $"::warning::{Escape(message)}" : $"warning: {message}");

    public static void Error(string message) =>
        Out.WriteLine(OnGitHubActions ? $"::error::{Escape(message)}" : $"error: {message}");

    internal static void BeginGroup(string title) =>
        Out.WriteLine(OnGitHubActions ? $"::group::{title}" : $"\n═══ {title} {new string('═', Math.Max(3, 60 - title.Length))}");

    internal static void EndGroup()
    {
        if (OnGitHubActions)
        {
            Out.WriteLine("::endgroup::");
        }
    }

    // GitHub's workflow commands end at a newline; encode it so a multi-line error stays one annotation.
    private static string Escape(string message) =>
        message.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
}
