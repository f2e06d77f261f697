namespace AlphaPulse.Simulator.Hosting;

/// <summary>A configuration error found at start-up; its message names the variable and the fix.</summary>
internal sealed class SettingsException(string message) : Exception(message);
