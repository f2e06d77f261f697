using System.IO.Hashing;
using System.Text;
using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Core.Tests.Checksums;

/// <summary>One checksum instance over many books: each result covers only what was appended since the last.</summary>
public sealed class KrakenChecksumStreamTests
{
    [Fact]
    public void ShouldStartAfreshAfterEachCompletedChecksum()
    {
        var checksum = new KrakenChecksum();
        checksum.AppendLevel("45285.2"u8, "0.001"u8);
        var first = checksum.Complete();
        checksum.AppendLevel("45285.2"u8, "0.001"u8);

        Assert.Equal(first, checksum.Complete());
        Assert.Equal(Crc("4528521"), first);
    }

    [Fact]
    public void ShouldHashEveryDigitOfMoreLevelsThanTheBufferHolds()
    {
        // 100 levels of 64-digit numbers: twice the bytes of the fixed buffer, so it is hashed in parts.
        var number = new string('7', 64);
        var checksum = new KrakenChecksum();
        for (var i = 0; i < 100; i++)
        {
            checksum.AppendLevel(Encoding.ASCII.GetBytes(number), Encoding.ASCII.GetBytes(number));
        }

        Assert.Equal(Crc(string.Concat(Enumerable.Repeat(number, 200))), checksum.Complete());
    }

    [Fact]
    public void ShouldAcceptNumbersOfUpTo64Bytes()
    {
        var checksum = new KrakenChecksum();
        checksum.AppendLevel(Encoding.ASCII.GetBytes("0." + new string('1', 62)), "1"u8);

        Assert.Equal(Crc(new string('1', 62) + "1"), checksum.Complete());
        Assert.Throws<FormatException>(() => checksum.AppendLevel(Encoding.ASCII.GetBytes(new string('1', 65)), "1"u8));
    }

    [Fact]
    public void ShouldRefuseMissingSides()
    {
        Assert.Throws<ArgumentNullException>(() => KrakenChecksum.Compute(null!, []));
        Assert.Throws<ArgumentNullException>(() => KrakenChecksum.Compute([], null!));
    }

    private static uint Crc(string digits) => Crc32.HashToUInt32(Encoding.ASCII.GetBytes(digits));
}
