using AlphaPulse.ServiceDefaults;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Recording;

// The exchange simulator (docs/simulator.md). Modes: serve (default), record, replay, measure.
return await ServiceRunner.RunAsync("simulator", () => SimulatorSettings.Load(args, Environment.GetEnvironmentVariables()), async settings =>
{
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
    return settings.Mode switch
    {
        SimulatorMode.Record => await Recorder.RunAsync(settings, Console.Out, interrupt.Token).ConfigureAwait(false),
        SimulatorMode.Measure => await RateProbe.RunAsync(settings, Console.Out, interrupt.Token).ConfigureAwait(false),
        _ => await ServiceRunner.ServeAsync(SimulatorApp.Create(settings)).ConfigureAwait(false),
    };
}).ConfigureAwait(false);
