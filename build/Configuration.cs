using AlphaPulse.Build.Engine;

/// <summary>The build configurations: Debug locally, Release on CI.</summary>
sealed class Configuration : Enumeration
{
    public static readonly Configuration Debug = new() { Value = nameof(Debug) };
    public static readonly Configuration Release = new() { Value = nameof(Release) };
}
