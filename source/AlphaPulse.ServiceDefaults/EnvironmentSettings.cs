using System.Globalization;

namespace AlphaPulse.ServiceDefaults;

/// <summary>
/// Typed, validated access to a service's settings by variable name (the process environment, or a
/// dictionary in tests): every refusal is a <see cref="SettingsException"/> in the shared message shape.
/// Immutable; safe from any thread when the lookup is.
/// </summary>
/// <param name="lookup">Looks a variable up; null when unset.</param>
public readonly struct EnvironmentSettings(Func<string, string?> lookup)
{
    /// <summary>The process environment.</summary>
    public static EnvironmentSettings Process => new(Environment.GetEnvironmentVariable);

    /// <summary>The value as set (messages quote it so); null when unset or blank.</summary>
    public string? Get(string name) => lookup(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public string Text(string name, string fallback) => Get(name)?.Trim() ?? fallback;

    /// <summary>A value that must be set; <paramref name="fix"/> says how, e.g. <c>set SIM_URL=ws://…</c>.</summary>
    public string Required(string name, string fix) =>
        Get(name)?.Trim() ?? throw SettingsException.Invalid(name, "set", null, fix);

    public int Number(string name, int fallback, int min, int max, string? fix = null) =>
        (int)WholeNumber(name, fallback, min, max, fix);

    public long WholeNumber(string name, long fallback, long min, long max, string? fix = null)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }
        return long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw SettingsException.Invalid(name, $"an integer in [{min}, {max}]", raw, fix ?? $"unset it for the default {fallback}");
    }

    public TimeSpan Milliseconds(string name, TimeSpan fallback, long min, long max) =>
        TimeSpan.FromMilliseconds(WholeNumber(name, (long)fallback.TotalMilliseconds, min, max));

    public TimeSpan Seconds(string name, TimeSpan fallback, long min, long max, string? fix = null) =>
        TimeSpan.FromSeconds(WholeNumber(name, (long)fallback.TotalSeconds, min, max, fix));

    public bool Flag(string name, bool fallback)
    {
        var raw = Get(name);
        return raw?.Trim().ToUpperInvariant() switch
        {
            null => fallback,
            "1" or "TRUE" or "YES" or "ON" => true,
            "0" or "FALSE" or "NO" or "OFF" => false,
            _ => throw SettingsException.Invalid(name, "true or false", raw, $"unset it for the default {(fallback ? "true" : "false")}"),
        };
    }

    /// <summary>A name of <typeparamref name="T"/>, case-insensitive; numbers are refused (they would bypass the names).</summary>
    public T Enum<T>(string name, T fallback)
        where T : struct, Enum
    {
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }
        return !int.TryParse(raw, out _) && System.Enum.TryParse<T>(raw.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw SettingsException.Invalid(name, $"one of {string.Join(", ", System.Enum.GetNames<T>())}", raw, $"unset it for the default {fallback}");
    }

    /// <summary>An absolute URL with one of <paramref name="schemes"/>.</summary>
    public Uri Url(string name, Uri fallback, params string[] schemes)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(schemes);
        var raw = Get(name);
        if (raw is null)
        {
            return fallback;
        }
        return Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && Array.IndexOf(schemes, uri.Scheme) >= 0
            ? uri
            : throw SettingsException.Invalid(name, $"an absolute {string.Join(":// or ", schemes)}:// URL", raw, $"e.g. {name}={fallback}");
    }

    /// <summary>A comma-separated list, entries trimmed, blanks dropped.</summary>
    public string[] List(string name) =>
        (Get(name) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
