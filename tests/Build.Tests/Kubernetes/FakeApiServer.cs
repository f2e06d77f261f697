using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// NOT a Kubernetes API server: a model of the part of one that a rollout watch uses, on real Kestrel at
/// 127.0.0.1:0, so KubernetesClient's own <see cref="IKubernetes"/> runs unchanged against it (no API server
/// can run on these machines). It serves one namespace's Deployments: list (with the list's
/// resourceVersion and a <c>metadata.name</c> field selector) and watch from a resourceVersion (every later
/// change replayed, then live), and can expire its watches with the API server's 410 Gone. Thread-safe.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(long Version, string Line)> _history = [];
    private readonly List<Channel<string>> _watchers = [];
    private readonly WebApplication _app;
    private readonly V1Deployment _deployment;
    private long _version = 1;
    private int _lists;

    private FakeApiServer(V1Deployment deployment, WebApplication app)
    {
        _deployment = deployment;
        _app = app;
    }

    public IKubernetes Client { get; private set; } = null!;

    /// <summary>List requests served so far.</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>Watches open now.</summary>
    public int Watches
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public static async Task<FakeApiServer> StartAsync(V1Deployment deployment)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeApiServer(deployment, app);
        app.MapGet("/apis/apps/v1/namespaces/{ns}/deployments", server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = address });
        return server;
    }

    /// <summary>Changes the Deployment as a controller would: a new resourceVersion and a MODIFIED event to every watch.</summary>
    public void Update(Action<V1Deployment> change)
    {
        lock (_gate)
        {
            change(_deployment);
            _version++;
            _deployment.Metadata.ResourceVersion = _version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var line = KubernetesJson.Serialize(new { type = "MODIFIED", @object = _deployment });
            _history.Add((_version, line));
            foreach (var watcher in _watchers)
            {
                _ = watcher.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>Ends every open watch with the API server's 410 Gone, as when a watched version is compacted away.</summary>
    public void ExpireWatches()
    {
        lock (_gate)
        {
            // The API server's own shape for an expired watch (written out: the client model only reads a Status).
            const string gone = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version","reason":"Expired","code":410}}""";
            foreach (var watcher in _watchers)
            {
                _ = watcher.Writer.TryWrite(gone);
                watcher.Writer.TryComplete();
            }
            _watchers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }
        }
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, string ns)
    {
        var name = context.Request.Query["fieldSelector"].ToString().Replace("metadata.name=", string.Empty, StringComparison.Ordinal);
        if (context.Request.Query["watch"] == "true" || context.Request.Query["watch"] == "1")
        {
            await WatchAsync(context, long.Parse(context.Request.Query["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        string body;
        lock (_gate)
        {
            _lists++;
            var items = _deployment.Metadata.Name == name || name.Length == 0 ? new[] { _deployment } : [];
            body = KubernetesJson.Serialize(new V1DeploymentList { ApiVersion = "apps/v1", Kind = "DeploymentList", Metadata = new V1ListMeta { ResourceVersion = _version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Items = items });
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private async Task WatchAsync(HttpContext context, long fromVersion)
    {
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            foreach (var (version, line) in _history.Where(entry => entry.Version > fromVersion))
            {
                _ = channel.Writer.TryWrite(line);
            }
            _watchers.Add(channel);
        }
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped watching.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
