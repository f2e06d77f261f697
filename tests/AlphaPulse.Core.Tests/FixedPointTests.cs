using System.Globalization;
using System.Text;
using CsCheck;

namespace AlphaPulse.Core.Tests;

public sealed class FixedPointTests
{
    private static readonly Gen<int> Scales = Gen.Int[0, FixedPoint.MaxScale];

    [Fact]
    public void ShouldRoundTripEveryValueAtEveryScaleThroughText() =>
        Gen.Select(Gen.Long, Scales).Sample((value, scale) =>
        {
            Span<byte> text = stackalloc byte[FixedPoint.MaxFormattedLength];
            Assert.True(FixedPoint.TryFormat(value, scale, text, out var written));
            Assert.True(FixedPoint.TryParse(text[..written], scale, out var parsed));
            Assert.Equal(value, parsed);
        });

    [Fact]
    public void ShouldParseExactlyWhatDecimalParses() =>
        Gen.Select(Gen.Bool, Gen.String[Gen.Char['0', '9'], 1, 10], Gen.String[Gen.Char['0', '9'], 0, 8], Gen.Int[8, FixedPoint.MaxScale])
            .Sample((negative, integer, fraction, scale) =>
            {
                var text = (negative ? "-" : string.Empty) + integer + (fraction.Length > 0 ? "." + fraction : string.Empty);
                var expected = decimal.Parse(text, CultureInfo.InvariantCulture) * (decimal)FixedPoint.Scale(scale);
                var fits = expected is >= long.MinValue and <= long.MaxValue;
                Assert.Equal(fits, FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out var value));
                if (fits)
                {
                    Assert.Equal((long)expected, value);
                }
            });

    [Theory]
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    [InlineData("-9223372036854775808", 0, long.MinValue)]
    [InlineData("9.223372036854775807", 18, long.MaxValue)]
    [InlineData("-9.223372036854775808", 18, long.MinValue)]
    [InlineData("0.000000000000000001", 18, 1L)]
    [InlineData("67012.34000000", 8, 6_701_234_000_000L)]
    [InlineData("0.01000000000000000000000000000000", 2, 1L)]
    [InlineData("+5", 3, 5000L)]
    [InlineData(".5", 1, 5L)]
    [InlineData("1.5e-3", 4, 15L)]
    [InlineData("2E2", 0, 200L)]
    [InlineData("-0", 0, 0L)]
    public void ShouldParseExtremesAndExchangeSpellings(string text, int scale, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808", 0)]
    [InlineData("-9223372036854775809", 0)]
    [InlineData("9.223372036854775808", 18)]
    [InlineData("10", 18)]
    [InlineData("0.001", 2)]
    [InlineData("", 2)]
    [InlineData("-", 2)]
    [InlineData(".", 2)]
    [InlineData("1.2.3", 2)]
    [InlineData("1,5", 2)]
    [InlineData("1e", 2)]
    [InlineData(" 1", 2)]
    [InlineData("NaN", 2)]
    public void ShouldRefuseTextThatIsMalformedOrNotExactAtTheScale(string text, int scale)
    {
        Assert.False(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), scale, out _));
        Assert.Throws<FormatException>(() => FixedPoint.Parse(Encoding.UTF8.GetBytes(text), scale));
    }

    [Theory]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    [InlineData(long.MinValue, 18, "-9.223372036854775808")]
    [InlineData(1L, 8, "0.00000001")]
    [InlineData(-150L, 2, "-1.50")]
    [InlineData(0L, 3, "0.000")]
    public void ShouldFormatWithExactlyScaleFractionDigits(long value, int scale, string expected) =>
        Assert.Equal(expected, FixedPoint.ToString(value, scale));

    [Fact]
    public void ShouldReportTooShortDestinationInsteadOfWritingPartially()
    {
        Span<byte> text = stackalloc byte[4];
        Assert.False(FixedPoint.TryFormat(-150, 2, text, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void ShouldRejectScalesOutsideZeroToEighteen() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.TryParse("1"u8, 19, out _));
}
