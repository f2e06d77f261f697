using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>A cluster connection: the client configuration, where it came from, and its credentials to mask in every output.</summary>
public sealed record ClusterConnection(KubernetesClientConfiguration Configuration, string Source, IReadOnlyList<string> Credentials)
{
    public IKubernetes CreateClient() => new k8s.Kubernetes(Configuration);
}

/// <summary>
/// Finds the kubeconfig as kubectl does, with the build's own first: <c>--kubeconfig</c> (a file), then
/// <c>KUBECONFIG_DATA</c> (the content itself, plain or base64, as a CI secret passes it), then the
/// <c>KUBECONFIG</c> variable, then <c>~/.kube/config</c>. The content is never printed: only where it came
/// from, the server and the context. Every credential in it (tokens, client keys and certificates,
/// passwords) is returned so the build masks it even if a library echoes a piece of it. Stateless.
/// </summary>
public static class KubeconfigSource
{
    public static ClusterConnection Resolve(string? kubeconfigFile, string? kubeconfigData, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (kubeconfigFile is { Length: > 0 })
        {
            return FromFile(kubeconfigFile, "--kubeconfig");
        }
        if (kubeconfigData is { Length: > 0 })
        {
            return FromContent(Decode(kubeconfigData), "KUBECONFIG_DATA");
        }
        if (environment.TryGetValue("KUBECONFIG", out var variable) && variable.Length > 0)
        {
            return FromFile(variable.Split(Path.PathSeparator)[0], "KUBECONFIG");
        }
        var home = environment.TryGetValue("HOME", out var h) && h.Length > 0 ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var standard = Path.Combine(home, ".kube", "config");
        return File.Exists(standard)
            ? FromFile(standard, "~/.kube/config")
            : throw new InvalidOperationException($"a Kubernetes environment needs a kubeconfig: none in --kubeconfig, KUBECONFIG_DATA, KUBECONFIG or {standard} (pass --kubeconfig <file>, or set KUBECONFIG_DATA to the file's content)");
    }

    /// <summary>The content itself, or base64 of it (GitHub secrets are often stored encoded).</summary>
    private static string Decode(string data)
    {
        if (data.Contains("apiVersion", StringComparison.Ordinal) || data.Contains("clusters", StringComparison.Ordinal))
        {
            return data;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("KUBECONFIG_DATA must hold a kubeconfig file's content, plain or base64: it is neither (set it to the output of `cat ~/.kube/config` or `base64 -w0 ~/.kube/config`)");
        }
    }

    private static ClusterConnection FromFile(string path, string source)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the kubeconfig must exist: {source} names {path}, which does not (fix the path)");
        }
        return FromContent(File.ReadAllText(path), $"{source} ({path})");
    }

    private static ClusterConnection FromContent(string content, string source)
    {
        K8SConfiguration model;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            model = KubernetesClientConfiguration.LoadKubeConfig(stream);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or k8s.Exceptions.KubeConfigException or ArgumentException)
        {
            // The message of a YAML error can quote the content: say only where it failed.
            throw new InvalidOperationException($"the kubeconfig from {source} must be a valid kubeconfig: it does not load ({e.GetType().Name}) (check it with kubectl --kubeconfig <file> config view)", null);
        }
        var credentials = (model.Users ?? []).Select(user => user.UserCredentials).OfType<UserCredentials>()
            .SelectMany(user => new[] { user.Token, user.ClientKeyData, user.ClientCertificateData, user.Password })
            .OfType<string>().Where(value => value.Length > 0).ToList();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(model);
        return new ClusterConnection(configuration, $"{source}, context {model.CurrentContext ?? "(default)"}, server {configuration.Host}", credentials);
    }
}
