namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// A suite's command line: <c>--suite NAME [--quick] --output DIR [--gate name=x | name&gt;=x]...</c>.
/// Immutable once parsed.
/// </summary>
public sealed record SuiteArguments(string Suite, bool Quick, string Output, IReadOnlyList<Gate> Gates)
{
    /// <summary>
    /// As <see cref="Parse"/>, for a suite's entry point: bad input is written to standard error and
    /// the caller exits 2.
    /// </summary>
    public static bool TryParse(string[] args, string suite, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SuiteArguments? arguments)
    {
        try
        {
            arguments = Parse(args, suite);
            return true;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            arguments = null;
            return false;
        }
    }

    /// <summary>Parses <paramref name="args"/> for the suite called <paramref name="suite"/>; bad input throws <see cref="ArgumentException"/>.</summary>
    public static SuiteArguments Parse(string[] args, string suite)
    {
        ArgumentNullException.ThrowIfNull(args);
        var usage = $"usage: --suite {suite} [--quick] --output DIR [--gate name=threshold | name>=threshold]...";
        string given = string.Empty, output = string.Empty;
        var quick = false;
        var gates = new List<Gate>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--suite":
                    given = Value(args, ref i, usage);
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--output":
                    output = Value(args, ref i, usage);
                    break;
                case "--gate":
                    gates.Add(Gate.Parse(Value(args, ref i, usage)));
                    break;
                default:
                    throw new ArgumentException($"arguments are the suite's options: unknown='{args[i]}' ({usage})");
            }
        }
        if (given != suite || output.Length == 0)
        {
            throw new ArgumentException($"the {suite} suite and an output directory are required: suite='{given}', output='{output}' ({usage})");
        }
        return new SuiteArguments(suite, quick, Path.GetFullPath(output), gates);
    }

    private static string Value(string[] args, ref int i, string usage) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"an option takes a value: option='{args[i - 1]}' ({usage})");
}
