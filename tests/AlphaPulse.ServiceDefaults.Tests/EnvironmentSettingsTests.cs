using Microsoft.Extensions.Logging;

namespace AlphaPulse.ServiceDefaults.Tests;

/// <summary>Every service reads and refuses its settings in one shape: the rule, the value as set, the fix.</summary>
public sealed class EnvironmentSettingsTests
{
    private static EnvironmentSettings With(string name, string? value) => new(variable => variable == name ? value : null);

    [Theory]
    [InlineData("PORT", "http", "PORT must be an integer in [0, 65535]: PORT='http' (unset it for the default 8080)")]
    [InlineData("PORT", "70000", "PORT must be an integer in [0, 65535]: PORT='70000' (unset it for the default 8080)")]
    [InlineData("PORT", "-1", "PORT must be an integer in [0, 65535]: PORT='-1' (unset it for the default 8080)")]
    public void ShouldRefuseANumberOutsideItsRangeNamingTheRuleTheValueAndTheFix(string name, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => With(name, value).Number(name, 8080, 0, 65535));

        Assert.Equal(name, error.Variable);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShouldReturnTheDefaultWhenUnsetOrBlankAndTheTrimmedValueWhenSet()
    {
        Assert.Equal(8080, With("PORT", null).Number("PORT", 8080, 0, 65535));
        Assert.Equal(8080, With("PORT", "  ").Number("PORT", 8080, 0, 65535));
        Assert.Equal(9000, With("PORT", " 9000 ").Number("PORT", 8080, 0, 65535));
        Assert.Equal("/dev/shm/x", With("PATH_X", " /dev/shm/x ").Text("PATH_X", "/tmp"));
    }

    [Fact]
    public void ShouldReadEnumNamesCaseInsensitivelyAndRefuseNumbers()
    {
        Assert.Equal(LogLevel.Warning, With("LOG_LEVEL", "warning").Enum("LOG_LEVEL", LogLevel.Information));
        var error = Assert.Throws<SettingsException>(() => With("LOG_LEVEL", "3").Enum("LOG_LEVEL", LogLevel.Information));
        Assert.Equal("LOG_LEVEL must be one of Trace, Debug, Information, Warning, Error, Critical, None: LOG_LEVEL='3' (unset it for the default Information)", error.Message);
    }

    [Fact]
    public void ShouldRefuseAUrlOfAnotherScheme()
    {
        var fallback = new Uri("wss://example.test/");

        Assert.Equal(new Uri("ws://127.0.0.1:9443/"), With("FEED_URL", "ws://127.0.0.1:9443/").Url("FEED_URL", fallback, "ws", "wss"));
        var error = Assert.Throws<SettingsException>(() => With("FEED_URL", "http://x").Url("FEED_URL", fallback, "ws", "wss"));
        Assert.Equal("FEED_URL must be an absolute ws:// or wss:// URL: FEED_URL='http://x' (e.g. FEED_URL=wss://example.test/)", error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("off", false)]
    public void ShouldReadFlags(string value, bool expected) =>
        Assert.Equal(expected, With("PIN", value).Flag("PIN", !expected));

    [Fact]
    public void ShouldRefuseAMissingRequiredValueSayingHowToSetIt()
    {
        var error = Assert.Throws<SettingsException>(() => With("SIM_URL", null).Required("SIM_URL", "set SIM_URL=ws://host/ws"));

        Assert.Equal("SIM_URL must be set: SIM_URL=<unset> (set SIM_URL=ws://host/ws)", error.Message);
    }
}
