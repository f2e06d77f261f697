using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

// Settings errors and taken ports end the process with one line (the rule, the value, the fix) and exit
// code 2, before anything listens (ServiceDefaults' ServiceRunner; PortProbe checks the ports first).
return await ServiceRunner.RunAsync(
    "websocket-server",
    () =>
    {
        var settings = ServerSettingsReader.Read(Environment.GetEnvironmentVariable);
        return PortProbe.FindTaken(settings) is { } taken ? throw new SettingsException(string.Empty, taken) : settings;
    },
    settings => ServiceRunner.ServeAsync(WebSocketServerApp.Build(settings, args)));
