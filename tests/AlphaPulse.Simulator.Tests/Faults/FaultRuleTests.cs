using AlphaPulse.Simulator.Faults;

namespace AlphaPulse.Simulator.Tests.Faults;

public class FaultRuleTests
{
    [Fact]
    public void ShouldParseKindAndOptions()
    {
        var rule = FaultRule.Parse("stall:after=500,ms=2000,count=1,symbol=BTCUSDT");

        Assert.Equal(new FaultRule(FaultKind.Stall, After: 500, Count: 1, Symbol: "BTCUSDT", Ms: 2000), rule);
    }

    [Theory]
    [InlineData("meteor:every=5", "fault kind must be one of gap|dup|reorder|corrupt|malformed|stall|disconnect: fault=meteor:every=5 (write e.g. fault=gap:every=1000)")]
    [InlineData("gap", "a fault needs exactly one of every=N or after=N (N ≥ 1): gap (write e.g. gap:every=1000)")]
    [InlineData("gap:every=x", "fault option every needs a non-negative integer: fault=gap:every=x (write e.g. every=1000)")]
    public void ShouldExplainABadRule(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => FaultRule.Parse(text)).Message);
    }
}
