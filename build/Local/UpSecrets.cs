namespace AlphaPulse.Build.Local;

/// <summary>
/// The secrets Up hands to its services, all optional: a tokens file that switches the WebSocket
/// server's authentication on, and Coinbase API credentials for the authenticated <c>level2</c>
/// channel. The build masks their values in everything it prints; services get them as environment
/// variables or a 0600 file, never on a command line. Immutable.
/// </summary>
public sealed record UpSecrets(string? WebSocketTokensFile, string? CoinbaseKey, string? CoinbaseSecret, string? CoinbasePassphrase)
{
    public static readonly UpSecrets None = new(null, null, null, null);

    /// <summary>Writes the comma-separated tokens one a line to <paramref name="path"/>, readable by the owner only.</summary>
    public static string WriteTokensFile(string tokens, string path)
    {
        var lines = tokens.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new ArgumentException("--up-web-socket-tokens names no token: give one or more, comma-separated (or leave it out to run without authentication)", nameof(tokens));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllLines(path, ["# written by ./build.sh Up from --up-web-socket-tokens; one token a line", .. lines]);
        return path;
    }

    /// <summary>The collector's variables for the Coinbase credentials (all three, or none: the collector refuses a partial set by name).</summary>
    public IEnumerable<KeyValuePair<string, string>> CoinbaseEnvironment()
    {
        if (CoinbaseKey is not null)
        {
            yield return new("COINBASE_KEY", CoinbaseKey);
        }

        if (CoinbaseSecret is not null)
        {
            yield return new("COINBASE_SECRET", CoinbaseSecret);
        }

        if (CoinbasePassphrase is not null)
        {
            yield return new("COINBASE_PASSPHRASE", CoinbasePassphrase);
        }
    }
}
