using System.Security.Cryptography;
using System.Text;
using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>
/// Optional token authentication: the tokens in <c>AUTH_TOKENS_FILE</c> (a mounted secret, one token
/// a line, '#' comments), read at start. Off when the variable is unset. Immutable after
/// construction; safe from any thread. Comparison takes the same time whatever the token's prefix.
/// </summary>
internal sealed class TokenStore
{
    private readonly byte[][] _tokens;

    public TokenStore(ServerSettings settings)
    {
        IsEnabled = settings.TokenFile is not null;
        _tokens = IsEnabled
            ? File.ReadAllLines(settings.TokenFile!)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => SHA256.HashData(Encoding.UTF8.GetBytes(line)))
                .ToArray()
            : [];
        if (IsEnabled && _tokens.Length == 0)
        {
            throw new SettingsException("AUTH_TOKENS_FILE", $"AUTH_TOKENS_FILE must hold at least one token when set: AUTH_TOKENS_FILE={settings.TokenFile} has none (add a token a line, or unset it to turn authentication off)");
        }
    }

    public bool IsEnabled { get; }

    /// <summary>True when authentication is off or the token is listed.</summary>
    public bool Accepts(string? token)
    {
        if (!IsEnabled)
        {
            return true;
        }

        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        // Compare hashes in fixed time: the length and content of a guess leak nothing.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var accepted = false;
        foreach (var candidate in _tokens)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(hash, candidate);
        }

        return accepted;
    }
}
