using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;

namespace AlphaPulse.WebSocketServer.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void ShouldDefaultToTheDesignPortsAndConflation()
    {
        var settings = ServerSettingsReader.Read(_ => null);

        Assert.Equal(8765, settings.WebSocketPort);
        Assert.Equal(8766, settings.MetricsPort);
        Assert.Equal("/dev/shm/alphapulse", settings.SharedMemoryDirectory);
        Assert.Equal(SlowConsumerPolicy.Conflate, settings.SlowConsumerPolicy);
        Assert.Null(settings.TokenFile);
        Assert.Equal(100, settings.HeapCompactAfterConnections);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeapCompactSettle);
    }

    [Theory]
    [InlineData("WEBSOCKET_PORT", "http", "WEBSOCKET_PORT must be an integer in [0, 65535]: WEBSOCKET_PORT='http' (unset it for the default 8765)")]
    [InlineData("SLOW_CONSUMER_POLICY", "ignore", "SLOW_CONSUMER_POLICY must be one of Conflate, Close: SLOW_CONSUMER_POLICY='ignore' (unset it for the default Conflate)")]
    [InlineData("AUTH_TOKENS_FILE", "/nonexistent/tokens", "AUTH_TOKENS_FILE must be a readable file of tokens, one a line: AUTH_TOKENS_FILE='/nonexistent/tokens' (mount the token secret there, or unset it to turn authentication off)")]
    [InlineData("READER_IDLE", "nap", "READER_IDLE must be spin, yield or lowcpu: READER_IDLE='nap' (unset it for the default yield)")]
    [InlineData("HEAP_COMPACT_AFTER_CONNECTIONS", "-1", "HEAP_COMPACT_AFTER_CONNECTIONS must be an integer in [0, 100000000]: HEAP_COMPACT_AFTER_CONNECTIONS='-1' (unset it for the default 100)")]
    [InlineData("HEAP_COMPACT_SETTLE_MS", "10", "HEAP_COMPACT_SETTLE_MS must be an integer in [100, 3600000]: HEAP_COMPACT_SETTLE_MS='10' (unset it for the default 1000)")]
    [InlineData("MESSAGE_TIMEOUT_MS", "5", "MESSAGE_TIMEOUT_MS must be an integer in [100, 600000]: MESSAGE_TIMEOUT_MS='5' (unset it for the default 5000)")]
    public void ShouldRefuseABadVariableWithTheRuleTheValueAndTheFix(string name, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => ServerSettingsReader.Read(variable => variable == name ? value : null));

        Assert.Equal(name, error.Variable);
        Assert.Equal(expected, error.Message);
    }
}
