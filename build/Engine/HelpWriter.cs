namespace AlphaPulse.Build.Engine;

/// <summary><c>--help</c>: the targets with their direct dependencies, then the parameters with their allowed values.</summary>
internal static class HelpWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<string> defaultTargets)
    {
        output.WriteLine("Usage: ./build.sh [targets] [--parameter value ...] [--skip [targets]] [--profile name] [--plan] [--help]");
        output.WriteLine();
        output.WriteLine("Targets (→ direct dependencies):");
        var listed = targets.Where(target => !target.Definition.IsUnlisted).ToList();
        var width = listed.Max(target => target.Name.Length + (defaultTargets.Contains(target.Name) ? " (default)".Length : 0));
        foreach (var target in listed)
        {
            var name = target.Name + (defaultTargets.Contains(target.Name) ? " (default)" : "");
            var dependencies = target.ExecutionDependencies.Count == 0 ? "" : $" → {string.Join(", ", target.ExecutionDependencies.Select(dependency => dependency.Name))}";
            output.WriteLine($"  {name.PadRight(width)}  {target.Description}{dependencies}");
        }
        output.WriteLine();
        output.WriteLine("Parameters:");
        var optionWidth = parameters.Count == 0 ? 0 : parameters.Max(parameter => parameter.OptionName.Length + 2);
        foreach (var parameter in parameters)
        {
            var allowed = parameter.AllowedValues is { } values ? $" [{string.Join(" | ", values)}]" : "";
            var secret = parameter.IsSecret ? " (secret)" : "";
            output.WriteLine($"  {("--" + parameter.OptionName).PadRight(optionWidth)}  {parameter.Description}{allowed}{secret}");
        }
        output.WriteLine();
        output.WriteLine("Built-in options:");
        output.WriteLine("  --target <names>  targets to run (same as naming them first)");
        output.WriteLine("  --skip [names]    skip the named targets, or every target not invoked when no name is given");
        output.WriteLine("  --profile <name>  also read .nuke/parameters.<name>.json (repeatable; a later profile wins)");
        output.WriteLine("  --plan            print the execution plan and write it as a mermaid graph under .nuke/temp/");
        output.WriteLine("  --help            this text");
        output.WriteLine();
        output.WriteLine("Parameter values come from, highest first: the command line; the environment (NUKE_NAME or NAME);");
        output.WriteLine(".nuke/parameters.<profile>.json; .nuke/parameters.json; the default in the build.");
    }
}
