using AlphaPulse.ServiceDefaults;
using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Tests.Hosting;

public class SimulatorSettingsTests
{
    [Theory]
    [InlineData("SIM_RATE", "abc", "SIM_RATE must be an integer in [1, 10000000]: SIM_RATE='abc' (unset it for the default 1000)")]
    [InlineData("SIM_RATE", "0", "SIM_RATE must be an integer in [1, 10000000]: SIM_RATE='0' (unset it for the default 1000)")]
    [InlineData("SIM_PORT", "70000", "SIM_PORT must be an integer in [0, 65535]: SIM_PORT='70000' (unset it for the default 9443)")]
    [InlineData("SIM_DEPTH", "5", "SIM_DEPTH must be an integer in [10, 4500]: SIM_DEPTH='5' (unset it for the default 1200)")]
    [InlineData("SIM_SYMBOLS", "DOGE-USDT", "SIM_SYMBOLS must be a list of known instruments: SIM_SYMBOLS='DOGE-USDT' (choose from BTC-USDT,ETH-USDT,BTC-USD,ETH-USD)")]
    [InlineData("SIM_SPEED", "warp", "SIM_SPEED must be one of Original, Max: SIM_SPEED='warp' (unset it for the default Original)")]
    public void ShouldNameTheVariableTheValueAndTheFix(string name, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => SimulatorSettings.Load([], new Dictionary<string, string> { [name] = value }));

        Assert.Equal(name, error.Variable);
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

        Assert.Equal("SIM_URL must be set: SIM_URL=<unset> (set SIM_URL=ws://127.0.0.1:9443/ws/btcusdt@depth@100ms in this mode)", error.Message);
    }
}
