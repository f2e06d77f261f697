namespace AlphaPulse.ServiceDefaults;

/// <summary>
/// A start-up setting is missing or wrong. The message states the rule, then the value, then the fix
/// (<c>RING_SLOTS must be a power of two: RING_SLOTS='1000' (use 1024)</c>); the service prints it on one
/// line and exits with <see cref="ServiceRunner.SettingsExitCode"/>. Immutable.
/// </summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string variable, string message)
        : base(message) => Variable = variable;

    public SettingsException()
    {
        Variable = string.Empty;
    }

    public SettingsException(string message)
        : base(message) => Variable = string.Empty;

    public SettingsException(string message, Exception innerException)
        : base(message, innerException) => Variable = string.Empty;

    /// <summary>The environment variable at fault, e.g. <c>METRICS_PORT</c>.</summary>
    public string Variable { get; }

    /// <summary>The one message shape every service uses: <c>{variable} must be {rule}: {variable}='{value}' ({fix})</c>.</summary>
    public static SettingsException Invalid(string variable, string rule, string? value, string fix) =>
        new(variable, $"{variable} must be {rule}: {variable}={Quote(value)} ({fix})");

    /// <summary>How a value appears in a message: quoted, so blanks and empty values show.</summary>
    public static string Quote(string? value) => value is null ? "<unset>" : $"'{value}'";
}
