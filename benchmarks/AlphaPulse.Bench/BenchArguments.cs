using System.Globalization;

namespace AlphaPulse.Bench;

/// <summary>
/// Command line of the bench entry point:
/// <c>--suite shm [--quick] --output DIR [--gate name=threshold]...</c>, or <c>--role ROLE ...</c> for a child.
/// Immutable once parsed.
/// </summary>
internal sealed class BenchArguments
{
    public string Suite { get; private init; } = string.Empty;

    public bool Quick { get; private init; }

    public string Output { get; private init; } = string.Empty;

    public IReadOnlyList<(string Metric, double Threshold)> Gates { get; private init; } = [];

    public static BenchArguments Parse(string[] args)
    {
        string suite = string.Empty, output = string.Empty;
        var quick = false;
        var gates = new List<(string, double)>();
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
                    var gate = Value(args, ref i);
                    var equals = gate.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0 || !double.TryParse(gate.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
                    {
                        throw new ArgumentException($"a gate is metric=threshold: gate='{gate}' (e.g. --gate latency_p99_ns=10000)");
                    }

                    gates.Add((gate[..equals], threshold));
                    break;
                default:
                    throw new ArgumentException($"unknown argument: '{args[i]}' (usage: --suite shm [--quick] --output DIR [--gate name=threshold]...)");
            }
        }

        if (suite != "shm" || output.Length == 0)
        {
            throw new ArgumentException($"a suite and an output directory are required: suite='{suite}', output='{output}' (usage: --suite shm [--quick] --output DIR)");
        }

        return new BenchArguments { Suite = suite, Quick = quick, Output = Path.GetFullPath(output), Gates = gates };
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"argument needs a value: '{args[i - 1]}'");
}
