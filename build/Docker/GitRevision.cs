using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Docker;

/// <summary>The commit an image is built from: its tag when <c>--image-tag</c> is not given.</summary>
public static class GitRevision
{
    public static string ShortSha(AbsolutePath repository)
    {
        var result = ProcessTasks.Execute("git", ["rev-parse", "--short=12", "HEAD"], repository, logOutput: false);
        return result.ExitCode == 0 && result.StandardOutput.Trim() is { Length: > 0 } sha
            ? sha
            : throw new BuildException($"cannot name the commit to tag images with: `git rev-parse HEAD` exited with {result.ExitCode} (pass --image-tag, or build from a git checkout)");
    }
}
