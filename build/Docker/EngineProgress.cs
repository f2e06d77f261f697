using Docker.DotNet.Models;

namespace AlphaPulse.Build.Docker;

/// <summary>
/// Reads the engine's build and push progress messages: text lines are handed on as they come, and the
/// first error is kept. The engine reports a failed step in the stream, not as an HTTP error, and
/// Docker.DotNet does not throw for it, so the caller must ask <see cref="Error"/> when the call returns.
/// </summary>
public sealed class EngineProgress(Action<string> writeLine) : IProgress<JSONMessage>
{
    private readonly Lock _gate = new();

    public string? Error { get; private set; }

    /// <summary>The image id the engine reported with <c>aux.ID</c> or the last <c>Successfully built</c> line.</summary>
    public string? ImageId { get; private set; }

    public void Report(JSONMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var error = value.Error?.Message ?? value.ErrorMessage;
            if (!string.IsNullOrEmpty(error))
            {
                Error ??= error.Trim();
                writeLine($"error: {error.Trim()}");
                return;
            }
            var text = value.Stream ?? (value.Status is { Length: > 0 } status ? (value.ID is { Length: > 0 } id ? $"{id}: {status}" : status) : null);
            foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith("Successfully built ", StringComparison.Ordinal))
                {
                    ImageId = line["Successfully built ".Length..];
                }
                writeLine(line);
            }
        }
    }
}
