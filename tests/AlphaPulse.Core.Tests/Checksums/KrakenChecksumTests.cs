using System.Globalization;
using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Core.Tests.Checksums;

public class KrakenChecksumTests
{
    // Kraken's "Book checksum (WebSocket v2)" guide, worked example: the BTC/USD snapshot's top 10 levels.
    // Kraken's page as stored for this work is cut off before its level list; the levels below are the
    // guide's as quoted, identically, by several public client test suites that cite it.
    private static readonly (string, string)[] GuideAsks =
    [
        ("45285.2", "0.00100000"), ("45286.4", "1.54571953"), ("45286.6", "1.54571109"), ("45289.6", "1.54560911"),
        ("45290.2", "0.15890660"), ("45291.8", "1.54553491"), ("45294.7", "0.04454749"), ("45296.1", "0.35380000"),
        ("45297.5", "0.09945542"), ("45299.5", "0.18772827"),
    ];

    private static readonly (string, string)[] GuideBids =
    [
        ("45283.5", "0.10000000"), ("45283.4", "1.54582015"), ("45282.1", "0.10000000"), ("45281.0", "0.10000000"),
        ("45280.3", "1.54592586"), ("45279.0", "0.07990000"), ("45277.6", "0.03310103"), ("45277.5", "0.30000000"),
        ("45277.3", "1.54602737"), ("45276.6", "0.15445238"),
    ];

    [Fact]
    public void ShouldReproduceTheGuidesBtcUsdWorkedExample() =>
        Assert.Equal(3310070434u, KrakenChecksum.Compute(GuideAsks, GuideBids));

    [Fact]
    public void ShouldCoverOnlyTheTopTenLevelsOfEachSide() =>
        Assert.Equal(3310070434u, KrakenChecksum.Compute([.. GuideAsks, ("99999.9", "1.00000000")], [.. GuideBids, ("1.0", "1.00000000")]));

    [Fact]
    public void ShouldStripTheDecimalPointAndLeadingZerosOnly()
    {
        // The guide's own step: price "45285.2" → "452852", qty "0.00100000" → "100000" (trailing zeros stay).
        var expected = System.IO.Hashing.Crc32.HashToUInt32("452852100000"u8);

        Assert.Equal(expected, KrakenChecksum.Compute([("45285.2", "0.00100000")], []));
    }

    [Theory]
    [InlineData("1E-05")]
    [InlineData("1.5e3")]
    [InlineData("-1.0")]
    public void ShouldRefuseTextThatIsNotAPlainDecimal(string quantity)
    {
        var error = Assert.Throws<FormatException>(() => KrakenChecksum.Compute([("45285.2", quantity)], []));

        Assert.StartsWith("a Kraken checksum number must be plain decimal text of at most 64 bytes: " + quantity, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldGiveTheSameChecksumForIntegerDigitsAsForTheText()
    {
        // A fixed-point book re-scaled to the wire's decimals: 45285.2 → 452852, 0.00100000 → 100000.
        var checksum = new KrakenChecksum();
        foreach (var (price, quantity) in GuideAsks.Concat(GuideBids))
        {
            checksum.AppendLevel(ulong.Parse(price.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), ulong.Parse(quantity.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        }

        Assert.Equal(3310070434u, checksum.Complete());
    }
}
