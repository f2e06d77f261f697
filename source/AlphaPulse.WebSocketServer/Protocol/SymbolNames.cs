namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>
/// Symbol spellings a client may use. Collectors publish normalised names (<c>BTC-USDT</c>, <c>BTC-USD</c>);
/// clients may also write an exchange's own spelling (Binance <c>BTCUSDT</c>, Kraken <c>BTC/USD</c>) or
/// any case: names are compared ignoring case and the separators <c>-</c>, <c>/</c> and <c>_</c>.
/// Stateless; used on subscribe and ring remaps only, never per message.
/// </summary>
public sealed class SymbolNames : IEqualityComparer<string>
{
    public static SymbolNames Comparer { get; } = new();

    public bool Equals(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return ReferenceEquals(x, y);
        }

        int i = 0, j = 0;
        while (true)
        {
            i = SkipSeparators(x, i);
            j = SkipSeparators(y, j);
            if (i == x.Length || j == y.Length)
            {
                return i == x.Length && j == y.Length;
            }

            if (char.ToUpperInvariant(x[i++]) != char.ToUpperInvariant(y[j++]))
            {
                return false;
            }
        }
    }

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        foreach (var character in obj)
        {
            if (!IsSeparator(character))
            {
                hash.Add(char.ToUpperInvariant(character));
            }
        }

        return hash.ToHashCode();
    }

    private static int SkipSeparators(string text, int index)
    {
        while (index < text.Length && IsSeparator(text[index]))
        {
            index++;
        }

        return index;
    }

    private static bool IsSeparator(char character) => character is '-' or '/' or '_';
}
