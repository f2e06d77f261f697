namespace AlphaPulse.Collector.Configuration;

/// <summary>
/// A start-up setting is missing or wrong. The message names the variable, states the rule, the value
/// and the fix; the process prints it and exits non-zero. Immutable.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string variable, string message)
        : base(message) => Variable = variable;

    public ConfigurationException()
    {
        Variable = string.Empty;
    }

    public ConfigurationException(string message)
        : base(message) => Variable = string.Empty;

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Variable = string.Empty;

    /// <summary>The environment variable at fault, e.g. <c>METRICS_PORT</c>.</summary>
    public string Variable { get; }
}
