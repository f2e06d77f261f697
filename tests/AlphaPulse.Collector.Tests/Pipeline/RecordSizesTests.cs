using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.Pipeline;

public sealed class RecordSizesTests
{
    [Theory]
    [InlineData(0, 56)]
    [InlineData(1, 72)]
    [InlineData(12, 248)]
    [InlineData(13, 248 + 72)]
    [InlineData(24, 496)]
    public void ShouldCountHeaderAndPayloadOfEveryRecord(int levels, long bytes)
    {
        Assert.Equal(12, SlotDescriptor.MaxLevels(256));
        Assert.Equal(bytes, RecordSizes.Book(levels, 12));
    }
}
