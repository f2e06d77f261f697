using System.Collections;
using System.Globalization;

namespace AlphaPulse.Simulator.Hosting;

/// <summary>
/// Reads SIM_* settings from the environment, overridden by command-line options: <c>--rate 5000</c>
/// sets SIM_RATE, <c>--record-url ws://…</c> sets SIM_RECORD_URL. Errors name the variable, the value
/// and a fix, as the deployment manifests configure everything by environment variable.
/// </summary>
internal sealed class SettingsReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SettingsReader(IReadOnlyList<string> args, IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith("SIM_", StringComparison.Ordinal) && entry.Value is string value)
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
                throw new SettingsException($"option {args[i]} needs a value: {args[i]} (write {args[i]} <value>, or set {name})");
            }
            _values[name] = args[++i];
        }
        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public long Integer(string name, long fallback, long min, long max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        var parsed = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        if (parsed && value >= min && value <= max)
        {
            return value;
        }
        var rule = parsed && value > max ? $"at most {max}"
            : min == 1 ? "a positive integer"
            : min == 0 ? "a non-negative integer"
            : $"an integer from {min} to {max}";
        throw new SettingsException($"{name} must be {rule}: {name}={text} (set {name}={fallback})");
    }

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;

    public string Required(string name, string example) =>
        _values.TryGetValue(name, out var text) && text.Length > 0
            ? text
            : throw new SettingsException($"{name} must be set in this mode: {name}=<empty> (set {name}={example})");

    public T Choice<T>(string name, T fallback)
        where T : struct, Enum
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new SettingsException(
                $"{name} must be one of {string.Join('|', Enum.GetNames<T>()).ToLowerInvariant()}: {name}={text} (set {name}={fallback.ToString().ToLowerInvariant()})");
    }
}
