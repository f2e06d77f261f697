using CsCheck;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>Frame mutations for the parsers' property tests, shared by every exchange.</summary>
internal static class FrameMutations
{
    /// <summary>Byte flips, truncation, insertion, deletion and splicing in of JSON punctuation.</summary>
    public static Gen<Func<byte[], byte[]>> Any { get; } = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 10_000], Gen.Byte).Select<int, int, byte, Func<byte[], byte[]>>((kind, at, value) => bytes =>
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }
        var i = at % bytes.Length;
        var list = bytes.ToList();
        switch (kind)
        {
            case 0:
                list[i] = value;
                break;
            case 1:
                list.RemoveRange(i, list.Count - i);
                break;
            case 2:
                list.Insert(i, value);
                break;
            case 3:
                list.RemoveAt(i);
                break;
            default:
                list.Insert(i, "{}[]\",:-.0e"u8[value % 11]);
                break;
        }
        return [.. list];
    });
}
