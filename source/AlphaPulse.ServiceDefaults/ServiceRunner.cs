using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace AlphaPulse.ServiceDefaults;

/// <summary>
/// How every service's <c>Main</c> starts: read the settings (a refusal is one line on stderr and exit
/// code 2), then run; a listening port already taken is one line saying <c>address already in use</c>
/// and exit code 3, never a stack trace. Stateless.
/// </summary>
public static class ServiceRunner
{
    public const int SettingsExitCode = 2;

    public const int AddressInUseExitCode = 3;

    /// <param name="service">The service's short name, first on its error lines.</param>
    /// <param name="readSettings">Reads and validates the settings; throws <see cref="SettingsException"/>.</param>
    /// <param name="run">Runs the service until it stops; returns the exit code.</param>
    /// <param name="errors">Where the one error line goes; standard error unless a test captures it.</param>
    public static async Task<int> RunAsync<TSettings>(string service, Func<TSettings> readSettings, Func<TSettings, Task<int>> run, TextWriter? errors = null)
    {
        ArgumentNullException.ThrowIfNull(readSettings);
        ArgumentNullException.ThrowIfNull(run);
        errors ??= Console.Error;
        TSettings settings;
        try
        {
            settings = readSettings();
        }
        catch (SettingsException e)
        {
            await errors.WriteLineAsync($"{service}: configuration error: {e.Message}").ConfigureAwait(false);
            return SettingsExitCode;
        }

        try
        {
            return await run(settings).ConfigureAwait(false);
        }
        catch (IOException e) when (IsAddressInUse(e))
        {
            await errors.WriteLineAsync($"{service}: cannot listen: address already in use: {e.Message} (stop the process that holds the port, or set another port)").ConfigureAwait(false);
            return AddressInUseExitCode;
        }
    }

    /// <summary>Runs a web application until SIGTERM or Ctrl+C; exit code 0.</summary>
    public static async Task<int> ServeAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>Kestrel reports a taken port as an IOException around an AddressInUseException (or a SocketException).</summary>
    public static bool IsAddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }
        return false;
    }
}
