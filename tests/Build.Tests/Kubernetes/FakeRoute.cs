namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// A Kubernetes REST path, taken apart: <c>api/v1/namespaces/{ns}/{plural}[/{name}[/proxy/{path}]]</c>,
/// <c>apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]</c>, or the cluster-scoped
/// <c>api/v1/namespaces[/{name}]</c>. Part of <see cref="FakeApiServer"/> (a model, not a cluster).
/// </summary>
internal sealed record FakeRoute(string Collection, string? Namespace, string Plural, string? Name, string? Proxy)
{
    public static FakeRoute Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        var prefixLength = segments[0] == "api" ? 2 : 3;
        var prefix = string.Join('/', segments.Take(prefixLength));
        var rest = segments.Skip(prefixLength).ToArray();
        if (rest.Length <= 2)
        {
            return new FakeRoute($"{prefix}/namespaces", null, "namespaces", rest.ElementAtOrDefault(1), null);
        }
        var name = rest.ElementAtOrDefault(3);
        var proxy = rest.Length > 4 && rest[4] == "proxy" ? "/" + string.Join('/', rest.Skip(5)) : null;
        return new FakeRoute($"{prefix}/namespaces/{rest[1]}/{rest[2]}", rest[1], rest[2], name, proxy);
    }
}
