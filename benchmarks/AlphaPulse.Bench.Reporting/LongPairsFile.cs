using System.Buffers.Binary;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// How a harness child hands (from, to) nanosecond pairs to the suite: little-endian 64-bit values, two per
/// pair, nothing else. Stateless.
/// </summary>
public static class LongPairsFile
{
    /// <summary>Writes the first <paramref name="pairs"/> pairs of <paramref name="values"/>.</summary>
    public static void Write(string path, long[] values, long pairs)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[pairs * 16];
        for (var i = 0; i < 2 * pairs; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Every value written at <paramref name="path"/>, pairs flattened.</summary>
    public static long[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new long[bytes.Length / 16 * 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8));
        }

        return values;
    }
}
