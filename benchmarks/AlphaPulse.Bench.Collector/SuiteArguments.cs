using System.Globalization;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// <c>--suite collector [--quick] --output DIR [--gate name&gt;=x | name=x]...</c>: a <c>&gt;=</c> gate passes
/// when the value is at least x, a <c>=</c> gate when it is below x. Immutable once parsed.
/// </summary>
internal sealed record SuiteArguments(bool Quick, string Output, IReadOnlyList<Gate> Gates)
{
    public const string Usage = "usage: --suite collector [--quick] --output DIR [--gate throughput_msgs_per_s>=100000]";

    public static SuiteArguments Parse(string[] args)
    {
        string suite = string.Empty, output = string.Empty;
        var quick = false;
        var gates = new List<Gate>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--suite":
                    suite = Value(args, ref i);
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--output":
                    output = Value(args, ref i);
                    break;
                case "--gate":
                    gates.Add(Gate.Parse(Value(args, ref i)));
                    break;
                default:
                    throw new ArgumentException($"arguments are the suite's options: unknown='{args[i]}' ({Usage})");
            }
        }

        if (suite != "collector" || output.Length == 0)
        {
            throw new ArgumentException($"the collector suite and an output directory are required: suite='{suite}', output='{output}' ({Usage})");
        }
        return new SuiteArguments(quick, Path.GetFullPath(output), gates);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"an option takes a value: option='{args[i - 1]}' ({Usage})");
}

/// <summary>One gate: a metric, a threshold, and whether it is a floor (<c>&gt;=</c>) or a ceiling (<c>=</c>, value below). Immutable.</summary>
internal sealed record Gate(string Metric, double Threshold, bool IsFloor)
{
    public bool Passes(double value) => IsFloor ? value >= Threshold : value < Threshold;

    public static Gate Parse(string text)
    {
        var floor = text.IndexOf(">=", StringComparison.Ordinal);
        var equals = floor >= 0 ? floor : text.IndexOf('=', StringComparison.Ordinal);
        var valueAt = floor >= 0 ? floor + 2 : equals + 1;
        if (equals <= 0 || !double.TryParse(text.AsSpan(valueAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            throw new ArgumentException($"a gate is metric>=threshold or metric=threshold: gate='{text}' (e.g. --gate throughput_msgs_per_s>=100000)");
        }
        return new Gate(text[..equals], threshold, floor >= 0);
    }
}
