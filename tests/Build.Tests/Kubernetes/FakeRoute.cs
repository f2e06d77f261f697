namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// A Kubernetes REST path, taken apart: <c>api/v1/namespaces/{ns}/{plural}[/{name}[/{subresource}[/{path}]]]</c>,
/// <c>apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]</c>, or a cluster-scoped
/// <c>api/v1/namespaces[/{name}]</c>, <c>apis/{group}/{version}/{plural}[/{name}]</c>. Part of
/// <see cref="FakeApiServer"/> (a model, not a cluster).
/// </summary>
internal sealed record FakeRoute(string Collection, string? Namespace, string Plural, string? Name, string? Proxy)
{
    /// <summary>The API group: "" for the core <c>api/v1</c>.</summary>
    public string Group => Collection.StartsWith("apis/", StringComparison.Ordinal) ? Collection.Split('/')[1] : string.Empty;

    /// <summary>A subresource after the name (<c>proxy</c>, <c>exec</c>), or null.</summary>
    public string? Subresource { get; init; }

    public static FakeRoute Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        var prefixLength = segments[0] == "api" ? 2 : 3;
        var prefix = string.Join('/', segments.Take(prefixLength));
        var rest = segments.Skip(prefixLength).ToArray();
        if (rest[0] != "namespaces" || rest.Length <= 2)
        {
            return new FakeRoute($"{prefix}/{rest[0]}", null, rest[0], rest.ElementAtOrDefault(1), null) { Subresource = rest.ElementAtOrDefault(2) };
        }
        var name = rest.ElementAtOrDefault(3);
        var proxy = rest.Length > 4 && rest[4] == "proxy" ? "/" + string.Join('/', rest.Skip(5)) : null;
        return new FakeRoute($"{prefix}/namespaces/{rest[1]}/{rest[2]}", rest[1], rest[2], name, proxy) { Subresource = rest.ElementAtOrDefault(4) };
    }
}
