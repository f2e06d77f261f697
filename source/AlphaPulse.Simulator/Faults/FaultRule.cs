using System.Globalization;

namespace AlphaPulse.Simulator.Faults;

internal enum FaultKind
{
    /// <summary>Drop the message: the receiver sees a sequence gap.</summary>
    Gap,
    /// <summary>Send the message twice.</summary>
    Dup,
    /// <summary>Hold the message back and send it after the next one.</summary>
    Reorder,
    /// <summary>Break the integrity field (Binance: U/u continuity; Kraken later: its checksum).</summary>
    Corrupt,
    /// <summary>Send a truncated, unparseable copy first, then the message itself.</summary>
    Malformed,
    /// <summary>Stop sending for <see cref="FaultRule.Ms"/> milliseconds without closing; nothing is lost.</summary>
    Stall,
    /// <summary>Abort the connection without a close handshake.</summary>
    Disconnect,
}

/// <summary>
/// When to inject one kind of fault on a connection: on every <see cref="Every"/>th eligible message, or
/// once on the <see cref="After"/>th, at most <see cref="Count"/> times (0 = no limit), optionally only
/// for one exchange symbol. Text form (query parameter <c>fault=</c>): <c>kind[:key=value[,key=value]]</c>,
/// e.g. <c>gap:every=1000</c>, <c>stall:after=500,ms=2000</c>, <c>dup:every=100,count=3,symbol=BTCUSDT</c>.
/// </summary>
internal sealed record FaultRule(FaultKind Kind, long Every = 0, long After = 0, long Count = 0, string? Symbol = null, int Ms = 1000)
{
    public static FaultRule Parse(string text)
    {
        var (kindText, options) = text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? (text[..colon], text[(colon + 1)..])
            : (text, "");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new FormatException($"fault kind must be one of {KindNames}: fault={text} (write e.g. fault=gap:every=1000)");
        }
        var rule = new FaultRule(kind);
        foreach (var option in options.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = option.Split('=', 2);
            rule = parts[0].ToUpperInvariant() switch
            {
                "EVERY" => rule with { Every = Number(text, parts) },
                "AFTER" => rule with { After = Number(text, parts) },
                "COUNT" => rule with { Count = Number(text, parts) },
                "MS" => rule with { Ms = (int)Math.Min(Number(text, parts), 600_000) },
                "SYMBOL" when parts.Length == 2 && parts[1].Length > 0 => rule with { Symbol = parts[1] },
                _ => throw new FormatException($"fault option must be every=N, after=N, count=N, ms=N or symbol=S: fault={text} (write e.g. fault=gap:every=1000)"),
            };
        }
        return rule.Validate(text);
    }

    /// <summary>The rule in its query-parameter form, for messages and logs.</summary>
    public string ToText() =>
        $"{Kind.ToString().ToLowerInvariant()}:every={Every},after={After},count={Count},ms={Ms}{(Symbol is null ? "" : ",symbol=" + Symbol)}";

    public static string KindNames => string.Join('|', Enum.GetNames<FaultKind>()).ToLowerInvariant();

    /// <summary>Checks a rule however it arrived (query text or control JSON).</summary>
    public FaultRule Validate(string source)
    {
        if ((Every > 0) == (After > 0))
        {
            throw new FormatException($"a fault needs exactly one of every=N or after=N (N ≥ 1): {source} (write e.g. {Kind.ToString().ToLowerInvariant()}:every=1000)");
        }
        if (Every < 0 || After < 0 || Count < 0 || Ms < 0)
        {
            throw new FormatException($"fault numbers must not be negative: {source} (use every=N, after=N, count=N, ms=N with N ≥ 0)");
        }
        return this;
    }

    private static long Number(string text, string[] parts) =>
        parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"fault option {parts[0]} needs a non-negative integer: fault={text} (write e.g. {parts[0]}=1000)");
}
