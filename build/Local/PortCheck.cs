using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AlphaPulse.Build.Local;

/// <summary>
/// Before Up starts a service: are the ports it will listen on free? Otherwise another process (often an
/// earlier Up) answers its /ready, Up reports "ready", and the service dies behind it. Binds the way the
/// services do (.NET sets SO_REUSEADDR on Linux, so TIME_WAIT is not "in use"). Stateless.
/// </summary>
public static class PortCheck
{
    /// <summary>The ports a service listens on: every <c>…PORT</c> variable of its environment and the port of its HTTP base.</summary>
    public static IReadOnlyList<int> PortsOf(LocalService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var ports = new SortedSet<int> { service.HttpBase.Port };
        foreach (var (name, value) in service.Environment)
        {
            if (name.EndsWith("PORT", StringComparison.Ordinal) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    /// <summary>The one-line refusal for the first taken port of <paramref name="service"/>, or null when all are free.</summary>
    public static string? FindTaken(LocalService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        foreach (var port in PortsOf(service))
        {
            if (FindTaken(service.Name, port) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The one-line refusal when <paramref name="port"/> is taken, or null when it is free.</summary>
    public static string? FindTaken(string name, int port) =>
        CanBind(port) ? null : $"{name} cannot start: port {port} address already in use (stop what listens there — an earlier ./build.sh Up? see `ss -ltnp 'sport = :{port}'`)";

    private static bool CanBind(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
