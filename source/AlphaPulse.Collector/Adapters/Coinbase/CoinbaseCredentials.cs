using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>
/// An Exchange API key for the authenticated <c>level2</c> channel: <c>COINBASE_KEY</c>, <c>COINBASE_SECRET</c>
/// (base64) and <c>COINBASE_PASSPHRASE</c>. A secret: never logged, never in an exception message, and
/// <see cref="ToString"/> redacts it. Immutable; safe from any thread.
/// </summary>
/// <remarks>
/// Signing, as the Exchange WebSocket feed's "Sign the subscribe message" section says: the <c>signature</c> is
/// base64(HMAC-SHA256(key: base64-decoded secret, message: timestamp + "GET" + "/users/self/verify")), sent with
/// <c>key</c>, <c>passphrase</c> and <c>timestamp</c> (unix seconds) in the subscribe message.
/// </remarks>
public sealed class CoinbaseCredentials
{
    private readonly byte[] _secret;

    private CoinbaseCredentials(string key, byte[] secret, string passphrase)
    {
        Key = key;
        _secret = secret;
        Passphrase = passphrase;
    }

    public string Key { get; }

    public string Passphrase { get; }

    /// <summary>The three variables, all or none; null when none is set.</summary>
    /// <exception cref="SettingsException">Only some are set, or the secret is not base64 (its value is never shown).</exception>
    public static CoinbaseCredentials? Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var key = variables("COINBASE_KEY");
        var secret = variables("COINBASE_SECRET");
        var passphrase = variables("COINBASE_PASSPHRASE");
        var set = (string.IsNullOrEmpty(key) ? 0 : 1) + (string.IsNullOrEmpty(secret) ? 0 : 1) + (string.IsNullOrEmpty(passphrase) ? 0 : 1);
        if (set == 0)
        {
            return null;
        }
        if (set != 3)
        {
            throw new SettingsException("COINBASE_KEY", $"Coinbase credentials are all three of COINBASE_KEY, COINBASE_SECRET, COINBASE_PASSPHRASE or none: set={set} of 3 (set the missing ones, or unset all to use level2_batch)");
        }
        var bytes = new byte[secret!.Length];
        return Convert.TryFromBase64String(secret, bytes, out var length)
            ? new CoinbaseCredentials(key!, bytes[..length], passphrase!)
            : throw new SettingsException("COINBASE_SECRET", $"COINBASE_SECRET must be the base64 secret Coinbase issued with the key: length={secret.Length}, value not shown (paste the secret exactly as issued)");
    }

    /// <summary>The signature of a subscribe message sent at <paramref name="unixSeconds"/>.</summary>
    public string Sign(long unixSeconds)
    {
        var message = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "GET/users/self/verify");
        return Convert.ToBase64String(HMACSHA256.HashData(_secret, message));
    }

    public override string ToString() => $"CoinbaseCredentials(key={Key}, secret=***, passphrase=***)";
}
