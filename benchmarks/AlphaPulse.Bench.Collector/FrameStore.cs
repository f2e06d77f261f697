using System.Text;

namespace AlphaPulse.Bench.Collector;

/// <summary>Recorded frames back to back in one array, so replaying them allocates nothing. Built once, then immutable.</summary>
internal sealed class FrameStore
{
    private readonly List<byte> _bytes = [];
    private readonly List<int> _offsets = [0];
    private byte[] _frozen = [];
    private int[] _frozenOffsets = [0];

    public int Count => _frozenOffsets.Length - 1;

    public long Bytes => _frozen.Length;

    public void Add(string frame)
    {
        _bytes.AddRange(Encoding.UTF8.GetBytes(frame));
        _offsets.Add(_bytes.Count);
    }

    public FrameStore Freeze()
    {
        _frozen = [.. _bytes];
        _frozenOffsets = [.. _offsets];
        _bytes.Clear();
        return this;
    }

    public ReadOnlySpan<byte> Frame(int index) => _frozen.AsSpan(_frozenOffsets[index], _frozenOffsets[index + 1] - _frozenOffsets[index]);
}
