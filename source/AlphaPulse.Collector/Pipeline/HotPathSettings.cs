using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The collector's hot-path settings, applied once at start: <c>PIN_CPUS</c> pins every thread (the
/// receive loop runs on thread-pool threads, which inherit the mask); tiered compilation is the
/// runtime's own switch, <c>DOTNET_TieredCompilation=0</c>, read before any code runs, so it is only
/// reported here. Both are off by default (docs/collector.md, Hot path). Stateless.
/// </summary>
internal static class HotPathSettings
{
    public static void Apply(CollectorSettings settings, ILogger logger)
    {
        var cores = "none";
        if (settings.PinCpus.Count > 0)
        {
            if (ProcessAffinity.TryPin(settings.PinCpus, out var error))
            {
                cores = string.Join(',', settings.PinCpus);
            }
            else
            {
                CollectorLog.PinningRefused(logger, error);
            }
        }

        var tiering = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is "0" ? "off" : "on";
        CollectorLog.HotPath(logger, cores, tiering);
    }
}
