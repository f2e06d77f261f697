using System.Text.Json;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Fills <c>[Parameter]</c> members. Precedence, highest first: the command line; the environment
/// (<c>NUKE_IMAGE_TAG</c>, <c>IMAGE_TAG</c> or <c>ImageTag</c>); <c>.nuke/parameters.&lt;profile&gt;.json</c>
/// for each <c>--profile</c> (a later profile wins); <c>.nuke/parameters.json</c>; the member's initializer.
/// </summary>
internal sealed class ParameterResolver(BuildContext context, IReadOnlyList<ParameterMember> parameters)
{
    /// <summary>
    /// Variables that shells and login sessions set for their own use. Read only with the <c>NUKE_</c>
    /// prefix, so a shell's <c>ENV</c> or <c>TARGET</c> never silently changes what a build does.
    /// </summary>
    public static readonly IReadOnlySet<string> ShellOwnedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "ENV", "TARGET", "HOME", "PATH", "USER", "SHELL", "PWD", "OLDPWD", "TERM", "LANG", "HOSTNAME", "LOGNAME",
        "MAIL", "EDITOR", "DISPLAY", "TMP", "TEMP", "TMPDIR", "PROFILE", "SKIP", "HELP", "PLAN", "HOST", "OS", "CI",
    };

    /// <summary>Where each parameter's value came from, for <c>--help</c> and the error messages.</summary>
    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public void Apply(object build, ParsedArguments arguments)
    {
        var byKey = parameters.ToDictionary(parameter => parameter.Key, StringComparer.Ordinal);
        RejectUnknownOptions(arguments, byKey);
        var files = LoadParameterFiles(arguments.Profiles, byKey);
        foreach (var parameter in parameters)
        {
            if (arguments.Parameters.TryGetValue(parameter.Key, out var commandLine))
            {
                Set(build, parameter, commandLine.Option, commandLine.Values, "command line");
            }
            else if (FindEnvironmentValue(parameter) is { } variable)
            {
                Set(build, parameter, $"environment variable {variable.Name}", [variable.Value], $"environment ({variable.Name})");
            }
            else if (files.TryGetValue(parameter.Key, out var file))
            {
                Set(build, parameter, $"{parameter.Name} in {file.Source}", file.Values, file.Source);
            }
            else
            {
                Sources[parameter.Name] = "default";
            }
            if (parameter.IsSecret && parameter.GetValue(build) is { } secret)
            {
                context.Masker.Add(secret.ToString());
            }
        }
    }

    /// <summary>The environment variable names a parameter answers to, best first.</summary>
    public static IEnumerable<string> EnvironmentNames(ParameterMember parameter)
    {
        var snake = NameMatching.ToScreamingSnakeCase(parameter.Name);
        yield return "NUKE_" + snake;
        if (!ShellOwnedVariables.Contains(snake))
        {
            yield return snake;
            if (!string.Equals(parameter.Name, snake, StringComparison.Ordinal) && !ShellOwnedVariables.Contains(parameter.Name.ToUpperInvariant()))
            {
                yield return parameter.Name;
            }
        }
    }

    private (string Name, string Value)? FindEnvironmentValue(ParameterMember parameter)
    {
        foreach (var name in EnvironmentNames(parameter))
        {
            if (context.Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                return (name, value);
            }
        }
        return null;
    }

    private void Set(object build, ParameterMember parameter, string option, IReadOnlyList<string> values, string source)
    {
        parameter.SetValue(build, ParameterValueConverter.Convert(parameter, option, values, context.RootDirectory));
        Sources[parameter.Name] = source;
    }

    private static void RejectUnknownOptions(ParsedArguments arguments, Dictionary<string, ParameterMember> byKey)
    {
        foreach (var (key, (option, _)) in arguments.Parameters)
        {
            if (byKey.ContainsKey(key))
            {
                continue;
            }
            var known = byKey.Values.Select(parameter => parameter.OptionName).Concat(ParsedArguments.BuiltInOptions).ToList();
            var closest = NameMatching.Closest(option.TrimStart('-'), known);
            throw new BuildException(
                $"unknown parameter {option}" + (closest is null ? "" : $": did you mean --{closest}?")
                + $" (./build.sh --help lists every parameter: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(name => "--" + name))})");
        }
    }

    private Dictionary<string, (string Source, List<string> Values)> LoadParameterFiles(IReadOnlyList<string> profiles, Dictionary<string, ParameterMember> byKey)
    {
        var values = new Dictionary<string, (string, List<string>)>(StringComparer.Ordinal);
        var nuke = context.RootDirectory / ".nuke";
        ReadFile(nuke / "parameters.json", required: false, values, byKey);
        foreach (var profile in profiles)
        {
            ReadFile(nuke / $"parameters.{profile}.json", required: true, values, byKey);
        }
        return values;
    }

    private void ReadFile(AbsolutePath path, bool required, Dictionary<string, (string, List<string>)> values, Dictionary<string, ParameterMember> byKey)
    {
        var relative = path.RelativeTo(context.RootDirectory);
        if (!path.FileExists())
        {
            if (!required)
            {
                return;
            }
            var available = (context.RootDirectory / ".nuke").GlobFiles("parameters.*.json")
                .Select(file => file.Name["parameters.".Length..^".json".Length]).ToList();
            throw new BuildException($"profile file {relative} does not exist: available profiles are {(available.Count == 0 ? "none" : string.Join(", ", available))} (create the file or drop the --profile)");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(path.ReadAllText(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new BuildException($"{relative} is not valid JSON: {exception.Message} (fix the file; .nuke/build.schema.json describes it)");
        }
        using (document)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                {
                    continue;
                }
                var key = NameMatching.Normalize(property.Name);
                if (!byKey.ContainsKey(key))
                {
                    var closest = NameMatching.Closest(property.Name, byKey.Values.Select(parameter => parameter.Name));
                    throw new BuildException($"{relative} sets unknown parameter '{property.Name}'" + (closest is null ? "" : $": did you mean '{closest}'?") + " (remove it or fix its name)");
                }
                values[key] = (relative, ReadValues(property.Value));
            }
        }
    }

    private static List<string> ReadValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Select(item => item.ToString()).ToList(),
        JsonValueKind.String => [element.GetString()!],
        _ => [element.GetRawText()],
    };
}
