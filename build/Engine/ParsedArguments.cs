namespace AlphaPulse.Build.Engine;

/// <summary>
/// The command line split into invoked targets, built-in switches and parameter values.
/// Positional words before the first <c>--option</c> are targets; the words after an option are its values.
/// </summary>
internal sealed class ParsedArguments
{
    /// <summary>Options the engine itself owns; every other option must name a parameter.</summary>
    public static readonly IReadOnlyList<string> BuiltInOptions = ["target", "skip", "help", "plan", "profile"];

    public List<string> Targets { get; } = [];

    /// <summary>Null when <c>--skip</c> was not given; empty when given alone (skip every non-invoked target).</summary>
    public List<string>? Skip { get; private set; }

    public bool Help { get; private set; }

    public bool Plan { get; private set; }

    public List<string> Profiles { get; } = [];

    /// <summary>Parameter values by normalised name, in command-line order.</summary>
    public Dictionary<string, (string Option, List<string> Values)> Parameters { get; } = new(StringComparer.Ordinal);

    public static ParsedArguments Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parsed = new ParsedArguments();
        string? option = null;
        List<string>? values = null;
        foreach (var argument in arguments)
        {
            if (argument.StartsWith('-') && argument.Length > 1 && !IsNegativeNumber(argument))
            {
                if (option is not null)
                {
                    parsed.Accept(option, values!);
                }
                (option, values) = SplitOption(argument);
                continue;
            }
            if (option is null)
            {
                parsed.Targets.Add(argument);
            }
            else
            {
                values!.Add(argument);
            }
        }
        if (option is not null)
        {
            parsed.Accept(option, values!);
        }
        return parsed;
    }

    private static (string Option, List<string> Values) SplitOption(string argument)
    {
        var text = argument.TrimStart('-');
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text, []) : (text[..equals], [text[(equals + 1)..]]);
    }

    private static bool IsNegativeNumber(string argument) => argument.Length > 1 && char.IsAsciiDigit(argument[1]);

    private void Accept(string option, List<string> values)
    {
        switch (NameMatching.Normalize(option))
        {
            case "TARGET":
                Targets.AddRange(values);
                break;
            case "SKIP":
                Skip ??= [];
                Skip.AddRange(values);
                break;
            // Switches take no value: words after them are targets (`--plan Test`).
            case "HELP" or "H":
                Help = true;
                Targets.AddRange(values);
                break;
            case "PLAN":
                Plan = true;
                Targets.AddRange(values);
                break;
            case "PROFILE":
                Profiles.AddRange(values);
                break;
            default:
                var key = NameMatching.Normalize(option);
                if (Parameters.TryGetValue(key, out var existing))
                {
                    existing.Values.AddRange(values);
                }
                else
                {
                    Parameters[key] = ("--" + option, values);
                }
                break;
        }
    }
}
