using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Recording;

// The exchange simulator (docs/simulator.md). Modes: serve (default), record, replay, measure.
SimulatorSettings settings;
try
{
    settings = SimulatorSettings.Load(args, Environment.GetEnvironmentVariables());
}
catch (SettingsException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
switch (settings.Mode)
{
    case SimulatorMode.Record:
        return await Recorder.RunAsync(settings, Console.Out, interrupt.Token).ConfigureAwait(false);
    case SimulatorMode.Measure:
        return await RateProbe.RunAsync(settings, Console.Out, interrupt.Token).ConfigureAwait(false);
    default:
        await SimulatorApp.Create(settings).RunAsync().ConfigureAwait(false);
        return 0;
}
