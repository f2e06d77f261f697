using System.Text;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Finds an instrument by the exchange's name for it as it appears in a frame (UTF-8, exact bytes),
/// without allocating. A linear scan: a collector carries a handful of symbols. Immutable; safe from any thread.
/// </summary>
public sealed class SymbolTable
{
    private readonly byte[][] _names;
    private readonly ushort[] _ids;

    /// <param name="instruments">The subscribed instruments.</param>
    /// <param name="spelling">How the exchange spells a symbol in frames, e.g. upper case for Binance's <c>"s"</c>.</param>
    public SymbolTable(IReadOnlyList<InstrumentBinding> instruments, Func<InstrumentBinding, string> spelling)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(spelling);
        _names = new byte[instruments.Count][];
        _ids = new ushort[instruments.Count];
        for (var i = 0; i < instruments.Count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(spelling(instruments[i]));
            _ids[i] = instruments[i].Id;
        }
    }

    /// <summary>The instrument id named by <paramref name="utf8"/>; false for a symbol not subscribed.</summary>
    public bool TryFind(ReadOnlySpan<byte> utf8, out ushort instrumentId)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (utf8.SequenceEqual(_names[i]))
            {
                instrumentId = _ids[i];
                return true;
            }
        }
        instrumentId = 0;
        return false;
    }
}
