using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

// Configuration errors end the process with the rule, the values and the fix, before anything listens.
if (!ServerSettingsReader.TryRead(Environment.GetEnvironmentVariable, out var settings, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

var app = WebSocketServerApp.Build(settings, args);
await app.RunAsync();
return 0;
