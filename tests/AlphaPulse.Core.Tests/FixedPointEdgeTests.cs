using System.Text;

namespace AlphaPulse.Core.Tests;

/// <summary>Fixed-point text at its edges: exponents, powers of ten, an exact-size destination, scale checks, the error message.</summary>
public sealed class FixedPointEdgeTests
{
    [Theory]
    [InlineData("1e-9", 9, 1L)]
    [InlineData("1e12", 0, 1_000_000_000_000L)]
    [InlineData("100e-3", 1, 1L)]
    [InlineData("1500e-2", 0, 15L)]
    [InlineData("9e+18", 0, 9_000_000_000_000_000_000L)]
    public void ShouldParseExponentsThatShiftTheMantissaExactly(string text, int scale, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e20", 0)]
    [InlineData("1e-20", 0)]
    [InlineData("1e5x", 0)]
    [InlineData("1e401", 0)]
    [InlineData("150e-2", 0)]
    public void ShouldRefuseExponentsThatLeaveTheRangeOrTheScale(string text, int scale) =>
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out _));

    [Theory]
    [InlineData(1000L, 0, "1000")]
    [InlineData(100L, 2, "1.00")]
    [InlineData(1_000_000_000_000_000_000L, 0, "1000000000000000000")]
    [InlineData(-10L, 1, "-1.0")]
    public void ShouldFormatPowersOfTenWithEveryDigit(long value, int scale, string expected) =>
        Assert.Equal(expected, FixedPoint.ToString(value, scale));

    [Fact]
    public void ShouldFormatIntoADestinationOfExactlyTheTextsLength()
    {
        var text = new byte[5];

        Assert.True(FixedPoint.TryFormat(-150, 2, text, out var written));
        Assert.Equal((5, "-1.50"), (written, Encoding.ASCII.GetString(text)));
    }

    [Fact]
    public void ShouldRefuseScalesAbove18EverywhereAScaleIsTaken()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Scale(19));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.TryFormat(1, 19, new byte[64], out _));
        Assert.Equal(1_000_000_000_000_000_000L, FixedPoint.Scale(18));
    }

    [Fact]
    public void ShouldSayWhatWasWrongWithTextThatDoesNotParse()
    {
        var error = Assert.Throws<FormatException>(() => FixedPoint.Parse("1.234"u8, 2));

        Assert.Equal("fixed-point text must be a decimal number exact at the scale: length=5, scale=2 (raise the instrument's scale or fix the input)", error.Message);
    }
}
