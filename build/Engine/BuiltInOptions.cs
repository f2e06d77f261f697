namespace AlphaPulse.Build.Engine;

/// <summary>The options every build takes besides its own parameters (<c>--profile</c>, <c>--skip</c> …).</summary>
public static class BuiltInOptions
{
    public const string Profile = "profile";

    public static IReadOnlyList<string> Names => ParsedArguments.BuiltInOptions;
}
