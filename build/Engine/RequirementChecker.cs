using System.Collections;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Checks every <c>Requires</c> of the targets that will run, all before the first one starts, and
/// reports every unmet requirement at once with the ways to meet it.
/// </summary>
internal static class RequirementChecker
{
    public static void Check(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var target in plan.Where(target => target.Status != TargetStatus.Skipped))
        {
            foreach (var requirement in target.Definition.Requirements)
            {
                if (requirement.Condition is { } condition)
                {
                    if (!condition())
                    {
                        problems.Add($"target {target.Name} requires {StripLambda(requirement.Text)}, which is false");
                    }
                }
                else if (IsMissing(requirement.Value!()))
                {
                    problems.Add(DescribeMissing(target, requirement, parameters));
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new BuildException(string.Join(Environment.NewLine, problems));
        }
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count == 0,
        _ => false,
    };

    private static string DescribeMissing(ExecutableTarget target, Requirement requirement, IReadOnlyList<ParameterMember> parameters)
    {
        var name = StripLambda(requirement.Text);
        var parameter = parameters.FirstOrDefault(candidate => candidate.Member.Name == name || candidate.Name == name);
        if (parameter is null)
        {
            return $"target {target.Name} requires {name}, which has no value";
        }
        var variables = string.Join(" or ", ParameterResolver.EnvironmentNames(parameter));
        return $"target {target.Name} requires parameter {parameter.Name}, which has no value: "
            + $"pass --{parameter.OptionName} <value>, set the environment variable {variables}, "
            + $"or add \"{parameter.Name}\" to .nuke/parameters.json";
    }

    // "() => ImageTag" → "ImageTag"
    private static string StripLambda(string text)
    {
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        return (arrow < 0 ? text : text[(arrow + 2)..]).Trim();
    }
}
