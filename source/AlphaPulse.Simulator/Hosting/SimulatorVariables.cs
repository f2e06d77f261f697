using System.Collections;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Simulator.Hosting;

/// <summary>
/// The simulator's SIM_* variables (and the shared LOG_LEVEL) from the environment, overridden by command-line options:
/// <c>--rate 5000</c> sets SIM_RATE, <c>--record-url ws://…</c> sets SIM_RECORD_URL; other arguments are
/// positional (the mode). Read through the shared <see cref="EnvironmentSettings"/>, so errors take the
/// same shape as every service's. Immutable once built.
/// </summary>
internal sealed class SimulatorVariables
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SimulatorVariables(IReadOnlyList<string> args, IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && (key.StartsWith("SIM_", StringComparison.Ordinal) || key == "LOG_LEVEL") && entry.Value is string value)
            {
                _values[key] = value;
            }
        }
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = "SIM_" + args[i][2..].Replace('-', '_').ToUpperInvariant();
            if (i + 1 >= args.Count)
            {
                throw new SettingsException(name, $"option {args[i]} needs a value: {args[i]} (write {args[i]} <value>, or set {name})");
            }
            _values[name] = args[++i];
        }
        Positional = positional;
        Settings = new EnvironmentSettings(name => _values.GetValueOrDefault(name));
    }

    public IReadOnlyList<string> Positional { get; }

    public EnvironmentSettings Settings { get; }
}
