using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The WebSocket tokens of a deployed server: a 0600 file owned by the containers' user, mounted read-only
/// at the path the server's <c>AUTH_TOKENS_FILE</c> names, so the tokens are never in an environment
/// variable, a label or a log line.
/// </summary>
public static class DeliverySecrets
{
    public static string WriteTokensFile(string tokens, string path)
    {
        UpSecrets.WriteTokensFile(tokens, path);
        ProcessTasks.Run("chown", [$"{LocalEnvironmentPaths.ContainerUser}:{LocalEnvironmentPaths.ContainerUser}", path], logOutput: false);
        return path;
    }
}
