using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// An environment's Kubernetes objects, rendered from <c>deploy/k8s/&lt;environment&gt;/kustomization.yaml</c>
/// the way <c>kubectl apply -k</c> renders them, for the subset of kustomize the manifests use: resources
/// (files, or folders with their own kustomization), <c>namespace</c> and <c>images</c> (new tags). Every
/// document is loaded into KubernetesClient's typed model strictly: an unknown field, a misspelt kind or a
/// kustomize feature the renderer does not implement is an error naming the file, never silently
/// dropped. Immutable once rendered.
/// </summary>
public sealed class ManifestSet
{
    /// <summary>Kinds that live outside a namespace: the overlay's namespace is not set on them.</summary>
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal) { "Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass" };

    private ManifestSet(string environment, string? @namespace, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        Environment = environment;
        Namespace = @namespace;
        Objects = objects;
    }

    public string Environment { get; }

    /// <summary>The overlay's namespace, set on every namespaced object.</summary>
    public string? Namespace { get; }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    /// <summary>Renders <c>&lt;manifestsDirectory&gt;/&lt;environment&gt;</c>.</summary>
    /// <param name="manifestsDirectory">deploy/k8s.</param>
    /// <param name="environment">An overlay's folder name: staging or production.</param>
    /// <param name="imageTag">When set, replaces the overlay's <c>newTag</c> of every <c>images</c> entry (Deploy's <c>--image-tag</c>).</param>
    /// <param name="registry">When set, the <c>images</c> entries are pulled from it: <c>registry/alphapulse/collector</c> (<c>--registry</c>).</param>
    /// <exception cref="InvalidDataException">A file is missing, malformed, or uses what the renderer does not support.</exception>
    public static ManifestSet Render(string manifestsDirectory, string environment, string? imageTag = null, string? registry = null)
    {
        var directory = Path.Combine(manifestsDirectory, environment);
        if (!File.Exists(Path.Combine(directory, "kustomization.yaml")))
        {
            throw new InvalidDataException($"an environment must have deploy/k8s/<environment>/kustomization.yaml: {environment} has none in {manifestsDirectory} (choose one of {string.Join(", ", Environments(manifestsDirectory))})");
        }
        var kustomization = ReadKustomization(directory);
        foreach (var image in kustomization.Images)
        {
            image.NewTag = imageTag ?? image.NewTag;
            image.NewName = registry is { Length: > 0 } ? $"{registry.TrimEnd('/')}/{image.Name}" : image.NewName;
        }
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        Collect(directory, objects);
        foreach (var item in objects)
        {
            if (kustomization.Namespace is { } ns && !ClusterScoped.Contains(item.Kind))
            {
                item.Metadata.NamespaceProperty = ns;
            }
            foreach (var container in Containers(item))
            {
                container.Image = WithNewTag(container.Image, kustomization.Images);
            }
        }
        return new ManifestSet(environment, kustomization.Namespace, objects);
    }

    /// <summary>The environments: folders under <paramref name="manifestsDirectory"/> with a kustomization, other than base.</summary>
    public static IReadOnlyList<string> Environments(string manifestsDirectory) =>
        Directory.Exists(manifestsDirectory)
            ? Directory.GetDirectories(manifestsDirectory)
                .Where(folder => File.Exists(Path.Combine(folder, "kustomization.yaml")) && Path.GetFileName(folder) != "base")
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The containers (init containers too) of a workload's pod template.</summary>
    public static IEnumerable<V1Container> Containers(IKubernetesObject<V1ObjectMeta> item) => PodSpec(item) is { } spec
        ? (spec.InitContainers ?? []).Concat(spec.Containers ?? [])
        : [];

    /// <summary>The pod template's spec of a workload kind; null for other kinds.</summary>
    public static V1PodSpec? PodSpec(IKubernetesObject<V1ObjectMeta> item) => item switch
    {
        V1Deployment deployment => deployment.Spec.Template.Spec,
        V1DaemonSet daemonSet => daemonSet.Spec.Template.Spec,
        V1StatefulSet statefulSet => statefulSet.Spec.Template.Spec,
        V1Pod pod => pod.Spec,
        _ => null,
    };

    private static void Collect(string directory, List<IKubernetesObject<V1ObjectMeta>> objects)
    {
        foreach (var resource in ReadKustomization(directory).Resources)
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path))
            {
                Collect(path, objects);
            }
            else if (File.Exists(path))
            {
                objects.AddRange(Load(path));
            }
            else
            {
                throw new InvalidDataException($"a kustomization resource must exist: {Path.Combine(directory, "kustomization.yaml")} lists '{resource}', which is neither a file nor a folder (fix the path)");
            }
        }
    }

    private static List<IKubernetesObject<V1ObjectMeta>> Load(string path)
    {
        List<object> documents;
        try
        {
            documents = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), strict: true);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"a manifest must load into the Kubernetes model with no unknown field: {path}: {e.Message}{(e.InnerException is { } inner ? " — " + inner.Message : "")}", e);
        }
        return documents.Select(document => document as IKubernetesObject<V1ObjectMeta>
            ?? throw new InvalidDataException($"a manifest must hold Kubernetes objects with metadata: {path} holds a {document.GetType().Name}")).ToList();
    }

    private static Kustomization ReadKustomization(string directory)
    {
        var path = Path.Combine(directory, "kustomization.yaml");
        try
        {
            return KubernetesYaml.Deserialize<Kustomization>(File.ReadAllText(path), strict: true);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"a kustomization may use only resources, namespace and images (what this renderer implements): {path}: {e.Message} (render it with kubectl kustomize, or extend build/Kubernetes/ManifestSet.cs)", e);
        }
    }

    private static string WithNewTag(string image, IReadOnlyList<KustomizeImage> images)
    {
        var name = image.Split(':')[0];
        var match = images.FirstOrDefault(candidate => candidate.Name == name);
        if (match is null)
        {
            return image;
        }
        var tag = match.NewTag ?? (image.Contains(':', StringComparison.Ordinal) ? image.Split(':')[1] : "latest");
        // A digest pins the content: name@sha256:…, as kustomize writes a digest given as newTag.
        return tag.StartsWith("sha256:", StringComparison.Ordinal) ? $"{match.NewName ?? name}@{tag}" : $"{match.NewName ?? name}:{tag}";
    }
}
