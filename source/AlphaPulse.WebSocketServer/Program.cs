using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

// Configuration errors and taken ports end the process with one line (the rule, the values, the fix)
// and exit code 2, before anything listens.
if (!ServerSettingsReader.TryRead(Environment.GetEnvironmentVariable, out var settings, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

if (PortProbe.FindTaken(settings) is { } taken)
{
    await Console.Error.WriteLineAsync(taken);
    return 2;
}

var app = WebSocketServerApp.Build(settings, args);
try
{
    await app.RunAsync();
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Taken between the probe and the bind: still one line of our own (the host has logged its own).
    await Console.Error.WriteLineAsync($"a port was taken while the server started: {exception.Message} (stop the process listening there, or set WEBSOCKET_PORT / METRICS_PORT to free ports)");
    return 2;
}

return 0;
