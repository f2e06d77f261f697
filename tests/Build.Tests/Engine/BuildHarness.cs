using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Engine;

/// <summary>The outcome of one in-process build run.</summary>
internal sealed record BuildResult<T>(int ExitCode, string Output, T Build)
    where T : NukeBuild
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs a build class in-process against a throw-away repository root (with its own <c>.nuke/</c>),
/// a chosen environment and a captured output — the same code path <c>./build.sh</c> takes.
/// </summary>
internal sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Root = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "alphapulse-build-tests", Guid.NewGuid().ToString("N")));
        (Root / ".nuke").CreateDirectory();
    }

    public AbsolutePath Root { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public BuildHarness WithFile(string relativePath, string content)
    {
        (Root / relativePath).WriteAllText(content);
        return this;
    }

    public BuildResult<T> Run<T>(params string[] arguments)
        where T : NukeBuild, new()
    {
        var output = new StringWriter();
        var build = new T();
        var context = new BuildContext(arguments, Environment, Root, output);
        var exitCode = BuildRunner.Run(build, context, ["Default"]);
        return new BuildResult<T>(exitCode, output.ToString(), build);
    }

    public void Dispose() => Root.DeleteDirectory();
}
