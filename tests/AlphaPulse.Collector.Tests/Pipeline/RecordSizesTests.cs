using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.Pipeline;

public sealed class RecordSizesTests
{
    [Theory]
    [InlineData(0, 48)]
    [InlineData(1, 64)]
    [InlineData(13, 256)]
    [InlineData(14, 256 + 64)]
    [InlineData(26, 512)]
    public void ShouldCountHeaderAndPayloadOfEveryRecord(int levels, long bytes)
    {
        Assert.Equal(13, SlotDescriptor.MaxLevels(256));
        Assert.Equal(bytes, RecordSizes.Book(levels, 13));
    }
}
