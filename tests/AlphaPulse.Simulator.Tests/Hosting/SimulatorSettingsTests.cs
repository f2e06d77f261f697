using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Tests.Hosting;

public class SimulatorSettingsTests
{
    [Theory]
    [InlineData("SIM_RATE", "abc", "SIM_RATE must be a positive integer: SIM_RATE=abc (set SIM_RATE=1000)")]
    [InlineData("SIM_RATE", "0", "SIM_RATE must be a positive integer: SIM_RATE=0 (set SIM_RATE=1000)")]
    [InlineData("SIM_PORT", "70000", "SIM_PORT must be at most 65535: SIM_PORT=70000 (set SIM_PORT=9443)")]
    [InlineData("SIM_DEPTH", "5", "SIM_DEPTH must be an integer from 10 to 4500: SIM_DEPTH=5 (set SIM_DEPTH=1200)")]
    [InlineData("SIM_SYMBOLS", "DOGE-USDT", "SIM_SYMBOLS must list known instruments: SIM_SYMBOLS=DOGE-USDT (choose from BTC-USDT,ETH-USDT,BTC-USD,ETH-USD)")]
    [InlineData("SIM_SPEED", "warp", "SIM_SPEED must be one of original|max: SIM_SPEED=warp (set SIM_SPEED=original)")]
    public void ShouldNameTheVariableTheValueAndTheFix(string name, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => SimulatorSettings.Load([], new Dictionary<string, string> { [name] = value }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShouldLetCommandLineOptionsOverrideTheEnvironment()
    {
        var settings = SimulatorSettings.Load(["serve", "--rate", "250000", "--symbols", "eth-usdt"], new Dictionary<string, string> { ["SIM_RATE"] = "5" });

        Assert.Equal(250_000, settings.Rate);
        Assert.Equal("ETH-USDT", Assert.Single(settings.Instruments).Name);
    }

    [Fact]
    public void ShouldRequireAnUpstreamToRecord()
    {
        var error = Assert.Throws<SettingsException>(() => SimulatorSettings.Load(["record", "--file", "x.aprec"], new Dictionary<string, string>()));

        Assert.Equal("SIM_URL must be set in this mode: SIM_URL=<empty> (set SIM_URL=ws://127.0.0.1:9443/ws/btcusdt@depth@100ms)", error.Message);
    }
}
