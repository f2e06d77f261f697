using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Market;

public class DecimalTextTests
{
    [Theory]
    [InlineData(1L, 8, "0.00000001")]
    [InlineData(0L, 8, "0.00000000")]
    [InlineData(6_000_001_000_000L, 8, "60000.01000000")]
    [InlineData(6_000_001_000_000L, 2, "60000.01")]
    [InlineData(long.MaxValue / 10 * 10, 0, "92233720368")]
    [InlineData(100_000_000_000_000_000L, 8, "1000000000.00000000")]
    public void ShouldWritePlainDecimalTextWithoutExponent(long valueE8, int decimals, string expected)
    {
        var text = DecimalText.ToText(valueE8, decimals);

        Assert.Equal(expected, text);
        Assert.DoesNotContain("E", text, StringComparison.OrdinalIgnoreCase);
    }
}
