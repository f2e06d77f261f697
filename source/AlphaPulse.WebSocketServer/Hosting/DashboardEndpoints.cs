using System.Reflection;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// The dashboard: static files embedded in the assembly (no build step, no content root to find),
/// served from the WebSocket port so the page connects to its own origin.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/", "Dashboard/index.html", "text/html; charset=utf-8"),
        ("/dashboard.js", "Dashboard/dashboard.js", "text/javascript; charset=utf-8"),
        ("/dashboard.css", "Dashboard/dashboard.css", "text/css; charset=utf-8"),
    ];

    public static void MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        foreach (var (route, resource, contentType) in Files)
        {
            var bytes = Read(assembly, resource);
            endpoints.MapGet(route, () => Results.Bytes(bytes, contentType));
        }
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the dashboard is embedded in the server assembly: resource={resource} is missing (check EmbeddedResource in the csproj)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
