using System.Diagnostics;
using k8s;
using k8s.Autorest;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>One answer through the API server's proxy: 200 or not, how long it took, the body.</summary>
public sealed record ProxyAnswer(bool Ok, TimeSpan Elapsed, string Body);

/// <summary>
/// Reaches the services' <c>/health</c>, <c>/ready</c> and <c>/metrics</c> through the API server's proxy
/// (<c>connect get namespaced service/pod proxy</c>, the same route <c>kubectl get --raw</c> takes), so
/// validation needs no port-forward and no route into the cluster network, only the deployer's
/// <c>services/proxy</c> and <c>pods/proxy</c> rights (deploy/k8s/base/rbac.yaml). Stateless.
/// </summary>
public sealed class ClusterProxy(IKubernetes client, string @namespace, TimeSpan timeout)
{
    /// <summary>GET <paramref name="path"/> on a Service's named port: <c>services/{service}:{port}/proxy/{path}</c>.</summary>
    public Task<ProxyAnswer> ServiceAsync(string service, string port, string path) =>
        GetAsync(token => client.CoreV1.ConnectGetNamespacedServiceProxyWithPathWithHttpMessagesAsync($"{service}:{port}", @namespace, path.TrimStart('/'), cancellationToken: token));

    /// <summary>GET <paramref name="path"/> on a pod's port: <c>pods/{pod}:{port}/proxy/{path}</c>.</summary>
    public Task<ProxyAnswer> PodAsync(string pod, int port, string path) =>
        GetAsync(token => client.CoreV1.ConnectGetNamespacedPodProxyWithPathWithHttpMessagesAsync($"{pod}:{port}", @namespace, path.TrimStart('/'), cancellationToken: token));

    private async Task<ProxyAnswer> GetAsync(Func<CancellationToken, Task<HttpOperationResponse<Stream>>> get)
    {
        var stopwatch = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await get(deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(response.Body);
            var body = await reader.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
            return new ProxyAnswer(response.Response.IsSuccessStatusCode, stopwatch.Elapsed, body);
        }
        catch (HttpOperationException e)
        {
            return new ProxyAnswer(false, stopwatch.Elapsed, $"{(int)e.Response.StatusCode} {e.Response.Content}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new ProxyAnswer(false, stopwatch.Elapsed, e.Message);
        }
    }
}
