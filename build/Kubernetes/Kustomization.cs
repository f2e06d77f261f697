namespace AlphaPulse.Build.Kubernetes;

/// <summary>The part of kustomize's <c>kustomization.yaml</c> that <see cref="ManifestSet"/> renders.</summary>
public sealed class Kustomization
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public List<string> Resources { get; set; } = [];

    public List<KustomizeImage> Images { get; set; } = [];
}

/// <summary>An <c>images</c> entry: containers whose image is <see cref="Name"/> run <see cref="NewName"/> (or the same name) at <see cref="NewTag"/>.</summary>
public sealed class KustomizeImage
{
    public string Name { get; set; } = string.Empty;

    public string? NewName { get; set; }

    public string? NewTag { get; set; }
}
