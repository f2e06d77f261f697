using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings;

/// <summary>
/// The C ABI of libalphapulse.so (alphapulse.h). Every entry point returns an <see cref="ErrorCode"/> and catches
/// everything: no exception crosses into the caller; the message is kept for <c>ap_last_error_message</c>.
/// Threading: any thread may open and close readers; one reader is used by one thread at a time.
/// </summary>
internal static unsafe class Exports
{
    /// <summary>Bumped when a struct or function of alphapulse.h changes incompatibly.</summary>
    private const int AbiVersion = 1;

    [UnmanagedCallersOnly(EntryPoint = "ap_abi_version")]
    public static int AbiVersionOf() => AbiVersion;

    /// <summary>Does nothing: the cost of one call into the library, the floor the bindings bench measures against.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ap_noop")]
    public static int Noop() => 0;

    [UnmanagedCallersOnly(EntryPoint = "ap_open")]
    public static int Open(byte* directory, byte* exchange, long staleAfterMs, long* handle)
    {
        try
        {
            RequirePointer(handle, nameof(handle));
            *handle = 0;
            var dir = RequireText(directory, nameof(directory));
            var name = RequireText(exchange, nameof(exchange));
            ArgumentOutOfRangeException.ThrowIfNegative(staleAfterMs);
            var staleAfter = staleAfterMs == 0 ? TimeSpan.FromSeconds(3) : TimeSpan.FromMilliseconds(staleAfterMs);
            *handle = Handles.Add(BindingReader.Open(dir, name, staleAfter));
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_close")]
    public static int Close(long handle)
    {
        try
        {
            Handles.Remove(handle).Dispose();
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_read")]
    public static int Read(long handle, NativeRecord* records, int capacity, int* count)
    {
        try
        {
            RequirePointer(count, nameof(count));
            *count = 0;
            ArgumentOutOfRangeException.ThrowIfNegative(capacity);
            if (capacity > 0)
            {
                RequirePointer(records, nameof(records));
            }
            *count = Handles.Get(handle).Read(new Span<NativeRecord>(records, capacity));
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_symbol_count")]
    public static int SymbolCount(long handle, int* count)
    {
        try
        {
            RequirePointer(count, nameof(count));
            var reader = Handles.Get(handle).Merged;
            _ = reader.RefreshInstruments();
            *count = reader.Instruments.Count;
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_get_instrument")]
    public static int InstrumentOf(long handle, int symbol, NativeInstrument* instrument)
    {
        try
        {
            RequirePointer(instrument, nameof(instrument));
            var found = Symbols.Instrument(Handles.Get(handle).Merged, symbol);
            *instrument = default;
            var name = new Span<byte>(instrument->Symbol, 36);
            _ = Encoding.UTF8.GetBytes(found.Symbol, name[..^1]);
            instrument->PriceScale = found.PriceScale;
            instrument->SizeScale = found.SizeScale;
            instrument->Id = found.Id;
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_symbol_id")]
    public static int SymbolId(long handle, byte* symbol, int* id)
    {
        try
        {
            RequirePointer(id, nameof(id));
            *id = -1;
            *id = Symbols.Id(Handles.Get(handle).Merged, RequireText(symbol, nameof(symbol)));
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_book")]
    public static int Book(long handle, int symbol, int depth, NativeLevel* bids, NativeLevel* asks, NativeBookInfo* info)
    {
        try
        {
            RequirePointer(info, nameof(info));
            ArgumentOutOfRangeException.ThrowIfNegative(depth);
            if (depth > 0)
            {
                RequirePointer(bids, nameof(bids));
                RequirePointer(asks, nameof(asks));
            }
            var reader = Handles.Get(handle).Merged;
            _ = Symbols.Instrument(reader, symbol);
            var book = reader.Book(symbol);
            *info = new NativeBookInfo
            {
                BidCount = book.BidCount,
                AskCount = book.AskCount,
                BidsCopied = book.CopyTop(BookSide.Bid, new Span<PriceLevel>(bids, depth)),
                AsksCopied = book.CopyTop(BookSide.Ask, new Span<PriceLevel>(asks, depth)),
                Sequence = reader.Sequence(symbol),
                Valid = reader.IsValid(symbol) ? 1 : 0,
            };
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "ap_get_stats")]
    public static int Stats(long handle, NativeStats* stats)
    {
        try
        {
            RequirePointer(stats, nameof(stats));
            Handles.Get(handle).Fill(ref *stats);
            return (int)ErrorCode.Ok;
        }
        catch (Exception e)
        {
            return (int)LastError.Set(e);
        }
    }

    /// <summary>Copies this thread's last error message (UTF-8, zero-terminated, truncated to fit); returns its full length.</summary>
    [UnmanagedCallersOnly(EntryPoint = "ap_last_error_message")]
    public static int LastErrorMessage(byte* buffer, int capacity)
    {
        try
        {
            return LastError.CopyTo(buffer == null || capacity <= 0 ? default : new Span<byte>(buffer, capacity));
        }
        catch (Exception)
        {
            return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequirePointer(void* pointer, string name)
    {
        if (pointer == null)
        {
            ThrowNull(name);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNull(string name) =>
        throw new ArgumentException($"a pointer argument must not be NULL: {name}=NULL (pass the address of a caller-owned variable or buffer)");

    private static string RequireText(byte* text, string name)
    {
        RequirePointer(text, name);
        var value = Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        return string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"a text argument must be non-empty UTF-8: {name}='' (pass e.g. the exchange 'binance' or the directory '/dev/shm/alphapulse')")
            : value;
    }
}
