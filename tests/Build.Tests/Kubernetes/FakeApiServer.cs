using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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

/// <summary>A server-side apply the model received: where, by which field manager, forced or not.</summary>
internal sealed record AppliedPatch(string Collection, string Name, string? FieldManager, bool Force);

/// <summary>A request as RBAC sees it; <see cref="ToString"/> reads as the API server's refusal does.</summary>
internal sealed record FakeRequest(string Verb, string Group, string Resource, string? Namespace, string? Name)
{
    public override string ToString() =>
        $"{Verb} {Resource}{(Group.Length > 0 ? "." + Group : string.Empty)}{(Name is null ? string.Empty : $" \"{Name}\"")}{(Namespace is null ? " at the cluster scope" : $" in namespace {Namespace}")}";
}

/// <summary>
/// NOT a Kubernetes API server: a model of the part of one the build uses, on real Kestrel at
/// 127.0.0.1:0, so KubernetesClient's own <see cref="IKubernetes"/> runs unchanged against it (no API server
/// can run on these machines; the deploy workflow's kind job is where a real one runs). It stores objects
/// of any kind as JSON by their REST path and serves: get; list (resourceVersion, <c>metadata.name</c>
/// field selector, equality label selectors); watch from a resourceVersion (later changes replayed, then
/// live), which it can expire with the API server's 410 Gone; PATCH as server-side apply
/// (<c>application/apply-patch+yaml</c>: create or replace the manifest's fields, keep status and other
/// annotations, record field manager and force) and as JSON patch (<c>replace</c>); the service and pod
/// proxies (answered by <see cref="Proxy"/>); and, through <see cref="FakeDeploymentController"/>, a
/// Deployment's ReplicaSet history and pods. Thread-safe.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _collections = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Collection, string Name, string Line)> _history = [];
    private readonly List<(string Collection, string? Name, Channel<string> Channel)> _watchers = [];
    private readonly List<AppliedPatch> _applies = [];
    private readonly WebApplication _app;
    private long _version = 1;
    private int _lists;

    private FakeApiServer(WebApplication app)
    {
        _app = app;
        Controller = new FakeDeploymentController(this);
    }

    public IKubernetes Client { get; private set; } = null!;

    /// <summary>The server's address, for a kubeconfig.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The ReplicaSet history and rollout behaviour of Deployments.</summary>
    public FakeDeploymentController Controller { get; }

    /// <summary>Answers a proxied GET: (resource "services" or "pods", "name:port", path) → (status, body). Default: 404.</summary>
    public Func<string, string, string, (int Status, string Body)> Proxy { get; set; } = (_, _, _) => (404, "no proxy answer configured");

    /// <summary>
    /// Where a WebSocket upgrade on a proxy path goes, as the API server's upgrading proxy sends it on:
    /// (resource "services" or "pods", "name:port", path) → the backend's ws:// address, or null for 404.
    /// </summary>
    public Func<string, string, string, Uri?> WebSocketBackend { get; set; } = (_, _, _) => null;

    /// <summary>
    /// What an exec runs, as the kubelet would: (pod, container, command, stdout) → exit code. Served on the
    /// WebSocket exec subresource with the <c>v4.channel.k8s.io</c> framing: stdout on channel 1, then the
    /// exit status on channel 3, then close. Null: exec is answered 404.
    /// </summary>
    public Func<string, string, IReadOnlyList<string>, Stream, Task<int>>? Exec { get; set; }

    /// <summary>Resources (plural names, e.g. "secrets") every request for which is refused with 403, as RBAC refuses them.</summary>
    public HashSet<string> Forbidden { get; } = [];

    /// <summary>
    /// RBAC as the API server applies it: each request's attributes (verb, API group, resource with its
    /// subresource, namespace, name) → allowed. An apply that creates is authorised as <c>patch</c> and
    /// <c>create</c>, as the API server does. Null: everything allowed. Refusals are 403 Forbidden.
    /// </summary>
    public Func<FakeRequest, bool>? Authorize { get; set; }

    /// <summary>Requests <see cref="Authorize"/> refused, in order.</summary>
    public ConcurrentQueue<FakeRequest> Refused { get; } = new();

    /// <summary>Every Authorization header the server saw (a kubeconfig's token must reach it).</summary>
    public List<string> Authorizations { get; } = [];

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

    public IReadOnlyList<AppliedPatch> Applies
    {
        get
        {
            lock (_gate)
            {
                return [.. _applies];
            }
        }
    }

    public static async Task<FakeApiServer> StartAsync(params IKubernetesObject<V1ObjectMeta>[] objects)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        _ = app.UseWebSockets();
        var server = new FakeApiServer(app);
        app.Map("/{**path}", server.ServeAsync);
        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Address });
        foreach (var item in objects)
        {
            server.Put(CollectionOf(item), item.Metadata.Name, JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject(), "ADDED");
        }
        return server;
    }

    /// <summary>A kubeconfig for this server with a bearer token, as KUBECONFIG_DATA carries one.</summary>
    public string Kubeconfig(string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: model
            cluster: {"{"} server: "{Address}" {"}"}
        users:
          - name: deployer
            user: {"{"} token: "{token}" {"}"}
        contexts:
          - name: model
            context: {"{"} cluster: model, user: deployer {"}"}
        current-context: model
        """;

    /// <summary>The REST collection of an object: <c>apis/apps/v1/namespaces/ns/deployments</c>, <c>api/v1/namespaces</c>.</summary>
    public static string CollectionOf(IKubernetesObject<V1ObjectMeta> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var prefix = item.ApiVersion.Contains('/', StringComparison.Ordinal) ? "apis/" + item.ApiVersion : "api/" + item.ApiVersion;
        var plural = item.Kind.ToLowerInvariant() switch
        {
            "networkpolicy" => "networkpolicies",
            var kind when kind.EndsWith('s') => kind + "es",
            var kind => kind + "s",
        };
        return item.Metadata.NamespaceProperty is null ? $"{prefix}/{plural}" : $"{prefix}/namespaces/{item.Metadata.NamespaceProperty}/{plural}";
    }

    /// <summary>The stored object, typed; null when absent.</summary>
    public T? Get<T>(string collection, string name)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var items) && items.TryGetValue(name, out var item) ? KubernetesJson.Deserialize<T>(item.ToJsonString()) : default;
        }
    }

    /// <summary>Every stored object of a collection, typed.</summary>
    public IReadOnlyList<T> All<T>(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var items) ? [.. items.Values.Select(item => KubernetesJson.Deserialize<T>(item.ToJsonString()))] : [];
        }
    }

    /// <summary>Changes the (first) Deployment as a controller would: a new resourceVersion and a MODIFIED event to every watch.</summary>
    public void Update(Action<V1Deployment> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var (collection, items) = _collections.First(entry => entry.Key.EndsWith("/deployments", StringComparison.Ordinal));
            var deployment = KubernetesJson.Deserialize<V1Deployment>(items.Values.First().ToJsonString());
            change(deployment);
            Put(collection, deployment.Metadata.Name, JsonNode.Parse(KubernetesJson.Serialize(deployment))!.AsObject(), "MODIFIED");
        }
    }

    /// <summary>Stores <paramref name="item"/> with the next resourceVersion and tells the watches. Callers hold no lock or the gate.</summary>
    internal void Put(string collection, string name, JsonObject item, string type)
    {
        lock (_gate)
        {
            _version++;
            var metadata = item["metadata"]!.AsObject();
            metadata["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["creationTimestamp"] ??= "2026-11-30T00:00:00Z";
            if (!_collections.TryGetValue(collection, out var items))
            {
                _collections[collection] = items = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            }
            items[name] = item;
            var line = new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString();
            _history.Add((_version, collection, name, line));
            foreach (var watcher in _watchers.Where(watcher => watcher.Collection == collection && (watcher.Name is null || watcher.Name == name)))
            {
                _ = watcher.Channel.Writer.TryWrite(line);
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
                _ = watcher.Channel.Writer.TryWrite(gone);
                watcher.Channel.Writer.TryComplete();
            }
            _watchers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _watchers.ForEach(watcher => watcher.Channel.Writer.TryComplete());
        }
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context, string path)
    {
        if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            lock (_gate)
            {
                Authorizations.Add(authorization);
            }
        }
        var route = FakeRoute.Parse(path);
        try
        {
            await AnswerAsync(context, route);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect of the model, not of the client: say what it was in the response the test sees.
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync($"the model failed: {e}");
        }
    }

    private async Task AnswerAsync(HttpContext context, FakeRoute route)
    {
        if (Authorize is { } authorize && Attributes(context, route).FirstOrDefault(request => !authorize(request)) is { } refused)
        {
            Refused.Enqueue(refused);
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{refused}} is forbidden","reason":"Forbidden","code":403}""");
            return;
        }

        if (context.WebSockets.IsWebSocketRequest && route.Subresource == "exec" && !Forbidden.Contains(route.Plural))
        {
            await ExecAsync(context, route.Name!);
            return;
        }

        if (context.WebSockets.IsWebSocketRequest && route.Proxy is { } proxiedPath && !Forbidden.Contains(route.Plural))
        {
            await BridgeAsync(context, WebSocketBackend(route.Plural, route.Name!, proxiedPath));
            return;
        }

        var (status, body) = route switch
        {
            _ when Forbidden.Contains(route.Plural) => (403, $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{route.Plural}} is forbidden","reason":"Forbidden","code":403}"""),
            { Proxy: { } proxied } => Proxy(route.Plural, route.Name!, proxied),
            { Name: null } when context.Request.Query["watch"] is var watch && (watch == "true" || watch == "1") => await WatchAsync(context, route.Collection),
            { Name: null, Plural: "pods" } => (200, List(route.Collection, context, Controller.Pods(route.Namespace!))),
            { Name: null } => (200, List(route.Collection, context, null)),
            _ when HttpMethods.IsPatch(context.Request.Method) => Patch(route, context.Request.ContentType ?? "", await new StreamReader(context.Request.Body).ReadToEndAsync(), context.Request.Query),
            _ => Get<JsonObject>(route.Collection, route.Name!) is { } item ? (200, item.ToJsonString()) : NotFound(route),
        };
        if (status == 0)
        {
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    /// <summary>The exec subresource over a WebSocket, as the API server relays the kubelet's (channel byte, then data).</summary>
    private async Task ExecAsync(HttpContext context, string pod)
    {
        if (Exec is not { } exec)
        {
            context.Response.StatusCode = 404;
            return;
        }
        const string Protocol = "v4.channel.k8s.io";
        var command = context.Request.Query["command"].Select(part => part ?? string.Empty).ToList();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(context.WebSockets.WebSocketRequestedProtocols.Contains(Protocol) ? Protocol : null);
        using var stdout = new MemoryStream();
        var exit = await exec(pod, context.Request.Query["container"].ToString(), command, stdout);
        async Task SendAsync(byte channel, ReadOnlyMemory<byte> data)
        {
            var frame = new byte[data.Length + 1];
            frame[0] = channel;
            data.CopyTo(frame.AsMemory(1));
            await socket.SendAsync(frame, System.Net.WebSockets.WebSocketMessageType.Binary, endOfMessage: true, context.RequestAborted);
        }
        var output = stdout.GetBuffer().AsMemory(0, (int)stdout.Length);
        for (var offset = 0; offset < output.Length; offset += 32 * 1024)
        {
            await SendAsync(1, output[offset..Math.Min(output.Length, offset + (32 * 1024))]);
        }
        var status = exit == 0
            ? """{"metadata":{},"status":"Success"}"""
            : $$$"""{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"{{{exit}}}"}]}}""";
        await SendAsync(3, System.Text.Encoding.UTF8.GetBytes(status));
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, string.Empty, context.RequestAborted);
    }

    /// <summary>The upgrading proxy: accepts the client's WebSocket and relays frames to and from the backend until either side closes.</summary>
    private static async Task BridgeAsync(HttpContext context, Uri? backend)
    {
        if (backend is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        using var upstream = new System.Net.WebSockets.ClientWebSocket();
        await upstream.ConnectAsync(backend, context.RequestAborted);
        using var downstream = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var relays = new[] { RelayAsync(downstream, upstream, stop.Token), RelayAsync(upstream, downstream, stop.Token) };
        _ = await Task.WhenAny(relays);
        await stop.CancelAsync();
        await Task.WhenAll(relays.Select(relay => relay.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static async Task RelayAsync(System.Net.WebSockets.WebSocket from, System.Net.WebSockets.WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = await from.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                return;
            }
            await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
        }
    }

    /// <summary>What RBAC checks for a request: its verb from the method (and watch/list, create-by-apply).</summary>
    private IEnumerable<FakeRequest> Attributes(HttpContext context, FakeRoute route)
    {
        var resource = route.Subresource is { } subresource ? $"{route.Plural}/{subresource}" : route.Plural;
        var method = context.Request.Method;
        var verb = method switch
        {
            _ when HttpMethods.IsGet(method) && route.Name is null => context.Request.Query["watch"] is var watch && (watch == "true" || watch == "1") ? "watch" : "list",
            _ when HttpMethods.IsGet(method) => "get",
            _ when HttpMethods.IsPatch(method) => "patch",
            _ when HttpMethods.IsPut(method) => "update",
            _ when HttpMethods.IsDelete(method) => "delete",
            _ => "create",
        };
        yield return new FakeRequest(verb, route.Group, resource, route.Namespace, route.Name);
        if (verb == "patch" && route.Subresource is null && Get<JsonObject>(route.Collection, route.Name!) is null)
        {
            yield return new FakeRequest("create", route.Group, resource, route.Namespace, route.Name);
        }
    }

    private (int, string) Patch(FakeRoute route, string contentType, string body, IQueryCollection query)
    {
        lock (_gate)
        {
            var existing = _collections.TryGetValue(route.Collection, out var items) && items.TryGetValue(route.Name!, out var found) ? found : null;
            JsonObject updated;
            if (contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal))
            {
                _applies.Add(new AppliedPatch(route.Collection, route.Name!, query["fieldManager"], query["force"] == "true"));
                updated = FakeMerge.Apply(existing, JsonNode.Parse(body)!.AsObject(), route.Namespace);
            }
            else if (contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal) && existing is not null)
            {
                updated = FakeMerge.JsonPatch(existing, JsonNode.Parse(body)!.AsArray());
            }
            else
            {
                return existing is null ? NotFound(route) : (415, $"{{\"kind\":\"Status\",\"code\":415,\"message\":\"the model takes apply and JSON patches, not {contentType}\"}}");
            }
            Put(route.Collection, route.Name!, updated, existing is null ? "ADDED" : "MODIFIED");
            if (route.Plural == "deployments")
            {
                Controller.Reconcile(route.Collection, route.Name!);
            }
            return (200, _collections[route.Collection][route.Name!].ToJsonString());
        }
    }

    private string List(string collection, HttpContext context, IReadOnlyList<JsonObject>? computed)
    {
        Interlocked.Increment(ref _lists);
        var name = context.Request.Query["fieldSelector"].ToString().Replace("metadata.name=", string.Empty, StringComparison.Ordinal);
        var labels = context.Request.Query["labelSelector"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(term => term.Split('=')).ToList();
        lock (_gate)
        {
            var items = computed ?? (_collections.TryGetValue(collection, out var stored) ? [.. stored.Values] : []);
            var selected = items.Where(item => name.Length == 0 || (string?)item["metadata"]!["name"] == name)
                .Where(item => labels.All(label => (string?)item["metadata"]!["labels"]?[label[0]] == label[1]))
                .Select(item => item.DeepClone()).ToArray();
            return new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture) }, ["items"] = new JsonArray(selected) }.ToJsonString();
        }
    }

    private async Task<(int, string)> WatchAsync(HttpContext context, string collection)
    {
        var fromVersion = long.Parse(context.Request.Query["resourceVersion"]!, CultureInfo.InvariantCulture);
        var name = context.Request.Query["fieldSelector"].ToString().Replace("metadata.name=", string.Empty, StringComparison.Ordinal);
        var channel = Channel.CreateUnbounded<string>();
        var watcher = (collection, name.Length == 0 ? null : name, channel);
        lock (_gate)
        {
            foreach (var entry in _history.Where(entry => entry.Version > fromVersion && entry.Collection == collection && (watcher.Item2 is null || entry.Name == watcher.Item2)))
            {
                _ = channel.Writer.TryWrite(entry.Line);
            }
            _watchers.Add(watcher);
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
                _watchers.Remove(watcher);
            }
        }
        return (0, "");
    }

    private static (int, string) NotFound(FakeRoute route) =>
        (404, $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{route.Plural}} \"{{route.Name}}\" not found","reason":"NotFound","code":404}""");
}
