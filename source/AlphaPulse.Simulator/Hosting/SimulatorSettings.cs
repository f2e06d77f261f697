using System.Collections;
using AlphaPulse.ServiceDefaults;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Hosting;

internal enum SimulatorMode
{
    Serve,
    Record,
    Replay,
    Measure,
}

internal enum ReplaySpeed
{
    Original,
    Max,
}

/// <summary>Everything the simulator is configured with; see docs/simulator.md for each variable.</summary>
internal sealed record SimulatorSettings
{
    public SimulatorMode Mode { get; init; } = SimulatorMode.Serve;
    public string Host { get; init; } = "0.0.0.0";
    public int Port { get; init; } = 9443;
    public long Rate { get; init; } = 1000;
    public ulong Seed { get; init; } = 1;
    public IReadOnlyList<Instrument> Instruments { get; init; } = InstrumentCatalog.All;
    public int Depth { get; init; } = 1200;
    public int History { get; init; } = 1 << 20;
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int QueueLimit { get; init; } = 1_000_000;
    public string Url { get; init; } = "";
    public string File { get; init; } = "";
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public long Messages { get; init; }
    public ReplaySpeed Speed { get; init; } = ReplaySpeed.Original;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Parses <c>[serve|record|replay|measure] [--name value]...</c> over SIM_* environment variables.</summary>
    public static SimulatorSettings Load(IReadOnlyList<string> args, IDictionary environment)
    {
        var variables = new SimulatorVariables(args, environment);
        var reader = variables.Settings;
        var defaults = new SimulatorSettings();
        var mode = variables.Positional.Count > 0
            ? Enum.TryParse<SimulatorMode>(variables.Positional[0], ignoreCase: true, out var m) && Enum.IsDefined(m) && !int.TryParse(variables.Positional[0], out _)
                ? m
                : throw new SettingsException("SIM_MODE", $"the first argument must be a mode (serve|record|replay|measure): {variables.Positional[0]} (run: AlphaPulse.Simulator serve)")
            : reader.Enum("SIM_MODE", SimulatorMode.Serve);
        return new SimulatorSettings
        {
            Mode = mode,
            Host = reader.Text("SIM_HOST", defaults.Host),
            Port = (int)reader.WholeNumber("SIM_PORT", defaults.Port, 0, 65535),
            Rate = reader.WholeNumber("SIM_RATE", defaults.Rate, 1, 10_000_000),
            Seed = (ulong)reader.WholeNumber("SIM_SEED", (long)defaults.Seed, 0, long.MaxValue),
            Instruments = ParseSymbols(reader.Text("SIM_SYMBOLS", string.Join(',', defaults.Instruments.Select(i => i.Name)))),
            Depth = (int)reader.WholeNumber("SIM_DEPTH", defaults.Depth, 10, 4500),
            History = (int)reader.WholeNumber("SIM_HISTORY", defaults.History, 1, 1 << 26),
            PingInterval = TimeSpan.FromSeconds(reader.WholeNumber("SIM_PING_SECONDS", 20, 0, 86_400)),
            PongTimeout = TimeSpan.FromSeconds(reader.WholeNumber("SIM_PONG_TIMEOUT_SECONDS", 60, 0, 86_400)),
            QueueLimit = (int)reader.WholeNumber("SIM_QUEUE", defaults.QueueLimit, 1, 100_000_000),
            Url = mode is SimulatorMode.Record or SimulatorMode.Measure ? reader.Required("SIM_URL", "set SIM_URL=ws://127.0.0.1:9443/ws/btcusdt@depth@100ms in this mode") : "",
            File = mode is SimulatorMode.Record or SimulatorMode.Replay ? reader.Required("SIM_FILE", "set SIM_FILE=binance.aprec in this mode") : "",
            Duration = TimeSpan.FromSeconds(reader.WholeNumber("SIM_SECONDS", 10, 1, 86_400 * 7)),
            Messages = reader.WholeNumber("SIM_MESSAGES", 0, 0, long.MaxValue),
            Speed = reader.Enum("SIM_SPEED", ReplaySpeed.Original),
            LogLevel = reader.Enum("LOG_LEVEL", LogLevel.Information),
        };
    }

    private static Instrument[] ParseSymbols(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = names.Select(InstrumentCatalog.Find).ToArray();
        if (names.Length == 0 || found.Any(i => i is null))
        {
            throw SettingsException.Invalid("SIM_SYMBOLS", "a list of known instruments", text, $"choose from {InstrumentCatalog.Names}");
        }
        return found.Distinct().ToArray()!;
    }
}
