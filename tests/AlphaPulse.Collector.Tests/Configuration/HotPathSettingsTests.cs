using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Collector.Tests.Configuration;

/// <summary>PIN_CPUS: off by default, a list of cores when set, refused with the rule and an example when malformed.</summary>
public sealed class HotPathSettingsTests
{
    private static CollectorSettings Read(string? pinCpus) => CollectorSettingsReader.Read(name => name switch
    {
        "EXCHANGE" => "binance",
        "SYMBOLS" => "BTC-USDT",
        "PIN_CPUS" => pinCpus,
        _ => null,
    });

    [Fact]
    public void ShouldLeaveTheCollectorUnpinnedByDefault() => Assert.Empty(Read(null).PinCpus);

    [Fact]
    public void ShouldReadACommaSeparatedListOfCores() => Assert.Equal([2, 3], Read("2, 3").PinCpus);

    [Theory]
    [InlineData("two")]
    [InlineData("-1")]
    [InlineData("1,,2")]
    [InlineData("1024")]
    public void ShouldRefuseAnythingButCoreNumbersNamingTheVariableAndAnExample(string value)
    {
        var error = Assert.Throws<SettingsException>(() => Read(value));

        Assert.Contains($"PIN_CPUS must list core numbers in [0, 1023] separated by commas: PIN_CPUS='{value}' (e.g. PIN_CPUS=3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldPinEveryThreadOfTheProcessToTheGivenCoresAndReportARefusal()
    {
        try
        {
            Assert.True(ProcessAffinity.TryPin([0], out var none), none);
            foreach (var task in Directory.GetDirectories("/proc/self/task"))
            {
                // A thread may exit between listing and reading: only live threads are checked.
                var status = Path.Combine(task, "status");
                var text = File.Exists(status) ? TryRead(status) : null;
                Assert.True(text is null || text.Contains("Cpus_allowed_list:\t0\n", StringComparison.Ordinal), $"{task} runs on core 0 only");
            }

            Assert.False(ProcessAffinity.TryPin([ProcessAffinity.MaxCpu], out var error));
            Assert.Contains("sched_setaffinity refused cores 1023", error, StringComparison.Ordinal);
        }
        finally
        {
            Assert.True(ProcessAffinity.TryPin([.. Enumerable.Range(0, Environment.ProcessorCount)], out var restore), restore);
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
