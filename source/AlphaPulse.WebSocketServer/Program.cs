using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

// Settings errors and taken ports end the process with one line, before anything listens: the ports are
// probed before the host exists, so its start-failure log (a stack trace) never runs.
return await ServiceRunner.RunAsync(
    "websocket-server",
    () => ServerSettingsReader.Read(Environment.GetEnvironmentVariable),
    settings =>
    {
        PortProbe.ThrowIfTaken(settings);
        return ServiceRunner.ServeAsync(WebSocketServerApp.Build(settings, args));
    });
