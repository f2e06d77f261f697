using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// Which image tags an environment accepts. Production runs only tags that name one build for good:
/// a release version (<c>1.4.2</c>, <c>v1.4.2</c>, <c>v1.4.2-rc.1</c>), a git commit SHA (7 to 40 hex
/// digits: the default tag, <c>ImageBuild</c>'s) or a content digest (<c>sha256:</c> and 64 hex digits).
/// Everything else — <c>latest</c>, an empty tag, branch-like names such as <c>main</c> or
/// <c>feature-x</c> — can be moved to other content later, so a rollback to it would not restore what
/// ran. Staging takes any non-empty tag (develop's moving tag is its point). Stateless.
/// </summary>
public static partial class ImageTagRule
{
    public const string Rule = "production runs only immutable tags: a version (1.4.2, v1.4.2-rc.1), a git commit SHA (7-40 hex digits) or a digest (sha256:<64 hex>)";

    /// <summary>Null when <paramref name="environment"/> accepts <paramref name="tag"/>, otherwise the error: rule, value, fix.</summary>
    public static string? Check(string environment, string? tag)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(tag))
        {
            return $"an image tag is required: --image-tag is empty for {environment} (pass --image-tag <version or commit SHA>)";
        }
        return environment == "production" && !IsImmutable(tag)
            ? $"{Rule}: --image-tag '{tag}' is mutable (deploy a version or commit tag, e.g. --image-tag $(git rev-parse --short=12 HEAD))"
            : null;
    }

    public static bool IsImmutable(string tag) => Version().IsMatch(tag) || CommitSha().IsMatch(tag) || Digest().IsMatch(tag);

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();

    [GeneratedRegex("^[0-9a-f]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitSha();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();
}
