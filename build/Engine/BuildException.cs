namespace AlphaPulse.Build.Engine;

/// <summary>
/// A failure whose message is the whole story for the user (what is wrong, the values, the fix):
/// printed without a stack trace.
/// </summary>
public sealed class BuildException : Exception
{
    public BuildException(string message) : base(message) { }

    public BuildException(string message, Exception innerException) : base(message, innerException) { }

    public BuildException() { }
}
