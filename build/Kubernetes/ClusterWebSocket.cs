using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AlphaPulse.Build.Delivery;
using k8s;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// A WebSocket to a Service of the cluster through the API server's service proxy
/// (<c>/api/v1/namespaces/{ns}/services/{name}:{port}/proxy/{path}</c>, which upgrades connections), with
/// the kubeconfig's own credentials: its bearer token (or the token its provider gives), basic auth, client
/// certificate, and its cluster CA for the server's certificate. Smoke on a cluster reaches the WebSocket
/// server this way, as it reaches /health, so it needs no port-forward and no public address. Stateless.
/// </summary>
public static class ClusterWebSocket
{
    public static async Task<WebSocketEndpoint> EndpointAsync(KubernetesClientConfiguration configuration, string @namespace, string service, string port, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var server = new UriBuilder(configuration.Host);
        server.Scheme = server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        server.Path = $"{server.Path.TrimEnd('/')}/api/v1/namespaces/{@namespace}/services/{service}:{port}/proxy/{path.TrimStart('/')}";
        var authorization = configuration switch
        {
            { TokenProvider: { } provider } => (await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false)).ToString(),
            { AccessToken: { Length: > 0 } token } => $"Bearer {token}",
            { Username: { Length: > 0 } user } => $"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{configuration.Password}"))}",
            _ => null,
        };
        var clientCertificate = ClientCertificate(configuration);
        return new WebSocketEndpoint(server.Uri, options =>
        {
            if (authorization is not null)
            {
                options.SetRequestHeader("Authorization", authorization);
            }
            if (clientCertificate is not null)
            {
                _ = options.ClientCertificates.Add(clientCertificate);
            }
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                configuration.SkipTlsVerify || errors == SslPolicyErrors.None || IssuedByClusterCa(certificate, errors, configuration.SslCaCerts);
        });
    }

    /// <summary>The kubeconfig's client certificate and key (data as base64 PEM, or files), or null.</summary>
    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration configuration)
    {
        static string Pem(string base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        return configuration switch
        {
            { ClientCertificateData: { Length: > 0 } certificate, ClientCertificateKeyData: { Length: > 0 } key } => X509Certificate2.CreateFromPem(Pem(certificate), Pem(key)),
            { ClientCertificateFilePath: { Length: > 0 } certificate, ClientKeyFilePath: { Length: > 0 } key } => X509Certificate2.CreateFromPemFile(certificate, key),
            _ => null,
        };
    }

    /// <summary>The server's certificate chains to the kubeconfig's certificate-authority-data (and its name matches).</summary>
    private static bool IssuedByClusterCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        if (certificate is null || authorities is not { Count: > 0 } || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
