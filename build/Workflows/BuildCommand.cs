using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Workflows;

/// <summary>
/// A <c>./build.sh</c> call for a workflow step, with targets and parameters named by the build's own
/// members (<c>BuildCommand.Of(nameof(Bench)).Switch(nameof(Quick))</c>): a renamed or removed target
/// fails to compile instead of failing in CI. Immutable.
/// </summary>
public sealed record BuildCommand(IReadOnlyList<string> Targets, IReadOnlyList<KeyValuePair<string, string?>> Parameters)
{
    /// <param name="targets">Target member names, e.g. <c>nameof(Test)</c>.</param>
    public static BuildCommand Of(params string[] targets) => new(targets, []);

    /// <summary>A <c>[Parameter]</c> member's switch, e.g. <c>nameof(Quick)</c> → <c>--quick</c>.</summary>
    public BuildCommand Switch(string parameterMember) => With(parameterMember, null);

    /// <summary>A <c>[Parameter]</c> member with a value, e.g. <c>nameof(Env), "staging"</c> → <c>--env staging</c>.</summary>
    public BuildCommand With(string parameterMember, string? value) =>
        this with { Parameters = [.. Parameters, KeyValuePair.Create("--" + NameMatching.ToKebabCase(parameterMember), value)] };

    /// <summary>A built-in option of the engine (<see cref="BuiltInOptions"/>), e.g. <c>BuiltInOptions.Profile</c>.</summary>
    public BuildCommand WithOption(string builtInOption, string value)
    {
        if (!BuiltInOptions.Names.Contains(builtInOption))
        {
            throw new ArgumentException($"a built-in option must be one of {string.Join(", ", BuiltInOptions.Names)}: '{builtInOption}' (name a [Parameter] member with With instead)", nameof(builtInOption));
        }
        return this with { Parameters = [.. Parameters, KeyValuePair.Create("--" + builtInOption, (string?)value)] };
    }

    /// <summary>The step running this command, named after its first target.</summary>
    public BuildStep Step(string? name = null) => new(name ?? Targets[0], Targets, Parameters);
}
