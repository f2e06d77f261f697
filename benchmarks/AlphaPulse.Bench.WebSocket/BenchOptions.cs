using System.Globalization;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>One gate: <c>name=x</c> passes when value &lt; x, <c>name&gt;=x</c> when value ≥ x. Immutable.</summary>
internal sealed record Gate(string Metric, double Threshold, bool IsLowerBound)
{
    public bool IsMetBy(double value) => IsLowerBound ? value >= Threshold : value < Threshold;

    public static Gate Parse(string text)
    {
        var lower = text.IndexOf(">=", StringComparison.Ordinal);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var (name, value, isLower) = lower > 0 ? (text[..lower], text[(lower + 2)..], true) : equals > 0 ? (text[..equals], text[(equals + 1)..], false) : (text, "", false);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
            ? new Gate(name, threshold, isLower)
            : throw new ArgumentException($"a gate is name=threshold or name>=threshold: gate={text} (e.g. --gate latency_p99_ms_1k=1)");
    }
}

/// <summary>The command line: <c>--suite websocket [--quick] --output dir [--gate g]...</c>. Immutable.</summary>
internal sealed record BenchOptions(string Output, bool Quick, IReadOnlyList<Gate> Gates)
{
    public static BenchOptions Parse(string[] args)
    {
        string? suite = null, output = null;
        var quick = false;
        var gates = new List<Gate>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--suite": suite = args[++i]; break;
                case "--output": output = args[++i]; break;
                case "--quick": quick = true; break;
                case "--gate": gates.Add(Gate.Parse(args[++i])); break;
                default: throw new ArgumentException($"arguments are --suite websocket [--quick] --output <dir> [--gate name=x|name>=x]...: unknown {args[i]} (remove it)");
            }
        }

        if (suite != "websocket" || output is null)
        {
            throw new ArgumentException($"this bench runs --suite websocket and needs --output: suite={suite ?? "missing"}, output={output ?? "missing"} (pass --suite websocket --output artifacts/bench)");
        }

        return new BenchOptions(output, quick, gates);
    }
}
