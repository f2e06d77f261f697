using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings;

/// <summary>Symbol look-ups with the ABI's errors: unknown ids and names name what is known. Stateless.</summary>
internal static class Symbols
{
    public static Instrument Instrument(ReplicatedReader reader, int symbol)
    {
        var instruments = reader.Instruments;
        if ((uint)symbol >= (uint)instruments.Count)
        {
            _ = reader.RefreshInstruments();
            instruments = reader.Instruments;
        }
        return (uint)symbol < (uint)instruments.Count
            ? instruments[symbol]
            : throw new UnknownSymbolException($"a symbol id is an index into the reader's symbols: symbol={symbol}, symbols={instruments.Count} (ask ap_symbol_count, or look a name up with ap_symbol_id)");
    }

    public static int Id(ReplicatedReader reader, string symbol)
    {
        var id = reader.SymbolId(symbol);
        if (id < 0 && reader.RefreshInstruments())
        {
            id = reader.SymbolId(symbol);
        }
        return id >= 0
            ? id
            : throw new UnknownSymbolException($"a symbol must be declared by one of the exchange's rings: symbol='{symbol}', known=[{string.Join(", ", reader.Symbols)}] (use one of the known symbols, spelled as the exchange's collector declares it)");
    }
}
