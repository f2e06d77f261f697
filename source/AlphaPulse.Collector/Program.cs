using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Hosting;

// One collector per exchange: configuration from the environment, refused at start with a clear error.
CollectorSettings settings;
try
{
    settings = CollectorSettingsReader.FromEnvironment();
}
catch (ConfigurationException e)
{
    await Console.Error.WriteLineAsync($"collector: configuration error: {e.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddCollector(settings);
var app = builder.Build();
app.MapCollectorEndpoints();
await app.RunAsync();
return 0;
