using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>How the build applies and lists one kind of object through KubernetesClient's typed API.</summary>
/// <param name="Kind">The object's <c>kind</c>.</param>
/// <param name="ApiVersion">Its <c>apiVersion</c> (a list's items come without one).</param>
/// <param name="Apply">Server-side apply: (client, patch, name, namespace, token); <c>namespace</c> is ignored for cluster-scoped kinds.</param>
/// <param name="List">Every object of the kind in a namespace.</param>
public sealed record ResourceKind(
    string Kind,
    string ApiVersion,
    Func<IKubernetes, V1Patch, string, string, CancellationToken, Task> Apply,
    Func<IKubernetes, string, CancellationToken, Task<IEnumerable<IKubernetesObject<V1ObjectMeta>>>>? List);

/// <summary>
/// The kinds the manifests use and the backup covers, in apply order (namespace and identities first,
/// then configuration, workloads, and what refers to workloads). One table, so applying and backing up
/// are written once, generic over the kind. Every apply is server-side with one field manager
/// (<see cref="FieldManager"/>) and <c>force</c>: the build owns these fields, and a conflicting manual
/// <c>kubectl edit</c> is taken back as <c>kubectl apply --server-side --force-conflicts</c> does.
/// </summary>
public static class ResourceKinds
{
    public const string FieldManager = "alphapulse-build";

    /// <summary>Kinds whose objects a Backup writes in full (Secrets are listed by name only, elsewhere).</summary>
    public static readonly IReadOnlyList<ResourceKind> All =
    [
        new("Namespace", "v1", (c, p, n, _, t) => c.CoreV1.PatchNamespaceAsync(p, n, fieldManager: FieldManager, force: true, cancellationToken: t), null),
        new("ClusterRole", "rbac.authorization.k8s.io/v1", (c, p, n, _, t) => c.RbacAuthorizationV1.PatchClusterRoleAsync(p, n, fieldManager: FieldManager, force: true, cancellationToken: t), null),
        new("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", (c, p, n, _, t) => c.RbacAuthorizationV1.PatchClusterRoleBindingAsync(p, n, fieldManager: FieldManager, force: true, cancellationToken: t), null),
        new("ServiceAccount", "v1", (c, p, n, ns, t) => c.CoreV1.PatchNamespacedServiceAccountAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("Role", "rbac.authorization.k8s.io/v1", (c, p, n, ns, t) => c.RbacAuthorizationV1.PatchNamespacedRoleAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("RoleBinding", "rbac.authorization.k8s.io/v1", (c, p, n, ns, t) => c.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("ConfigMap", "v1", (c, p, n, ns, t) => c.CoreV1.PatchNamespacedConfigMapAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("PersistentVolumeClaim", "v1", (c, p, n, ns, t) => c.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("NetworkPolicy", "networking.k8s.io/v1", (c, p, n, ns, t) => c.NetworkingV1.PatchNamespacedNetworkPolicyAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("Deployment", "apps/v1", (c, p, n, ns, t) => c.AppsV1.PatchNamespacedDeploymentAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("Service", "v1", (c, p, n, ns, t) => c.CoreV1.PatchNamespacedServiceAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("PodDisruptionBudget", "policy/v1", (c, p, n, ns, t) => c.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
        new("HorizontalPodAutoscaler", "autoscaling/v2", (c, p, n, ns, t) => c.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(p, n, ns, fieldManager: FieldManager, force: true, cancellationToken: t),
            async (c, ns, t) => (await c.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, cancellationToken: t).ConfigureAwait(false)).Items),
    ];

    public static ResourceKind For(string kind) => All.FirstOrDefault(entry => entry.Kind == kind)
        ?? throw new InvalidOperationException($"the build applies only the kinds it knows: {kind} is not one of {string.Join(", ", All.Select(entry => entry.Kind))} (add it to build/Kubernetes/ResourceKinds.cs)");

    /// <summary>Apply order: the table's, so a namespace exists before what lives in it.</summary>
    public static int Order(string kind) => All.Select(entry => entry.Kind).ToList().IndexOf(kind) is var index and >= 0 ? index : int.MaxValue;

    /// <summary>Server-side applies <paramref name="item"/> (its whole manifest, as kubectl apply --server-side sends it).</summary>
    public static Task ApplyAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var patch = new V1Patch(KubernetesJson.Serialize(item), V1Patch.PatchType.ApplyPatch);
        return For(item.Kind).Apply(client, patch, item.Metadata.Name, item.Metadata.NamespaceProperty ?? string.Empty, cancellationToken);
    }
}
