namespace AlphaPulse.Collector.Configuration;

/// <summary>
/// A normalised instrument name, <c>BASE-QUOTE</c> in upper case (<c>BTC-USDT</c>): what <c>SYMBOLS</c>
/// lists, what the ring's instrument table carries, and what each adapter maps to its exchange's own
/// name. Immutable value.
/// </summary>
public readonly record struct SymbolName(string Base, string Quote)
{
    /// <summary>The ring's instrument table stores at most 32 UTF-8 bytes per symbol.</summary>
    public const int MaxLength = 32;

    public override string ToString() => Base + "-" + Quote;

    /// <summary>Parses <c>btc-usdt</c> or <c>BTC-USDT</c>; false unless it is two runs of letters or digits joined by one '-'.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SymbolName symbol)
    {
        symbol = default;
        text = text.Trim();
        var dash = text.IndexOf('-');
        if (dash <= 0 || dash == text.Length - 1 || text.Length > MaxLength || text[(dash + 1)..].Contains('-'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c != '-' && !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        symbol = new SymbolName(text[..dash].ToString().ToUpperInvariant(), text[(dash + 1)..].ToString().ToUpperInvariant());
        return true;
    }
}
