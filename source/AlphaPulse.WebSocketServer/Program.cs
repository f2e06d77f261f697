using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

// Settings errors end the process with the rule, the value and the fix, before anything listens.
return await ServiceRunner.RunAsync(
    "websocket-server",
    () => ServerSettingsReader.Read(Environment.GetEnvironmentVariable),
    settings => ServiceRunner.ServeAsync(WebSocketServerApp.Build(settings, args)));
