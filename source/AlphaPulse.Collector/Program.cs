using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Hosting;
using AlphaPulse.ServiceDefaults;

// One collector per exchange: settings from the environment (refused at start with a clear error),
// then the shared service defaults and the collector's own wiring.
return await ServiceRunner.RunAsync("collector", CollectorSettingsReader.FromEnvironment, settings =>
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddCollector(settings);
    var app = builder.Build();
    app.MapCollectorEndpoints();
    return ServiceRunner.ServeAsync(app);
});
