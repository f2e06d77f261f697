using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>What an undo decided: the template to patch the Deployment with, or why nothing is patched.</summary>
public sealed record UndoPlan(V1PodTemplateSpec? Template, long Revision, string Message)
{
    /// <summary>True when the Deployment must be patched with <see cref="Template"/>.</summary>
    public bool Changes => Template is not null;
}

/// <summary>
/// <c>kubectl rollout undo</c>'s decision (k8s.io/kubectl, polymorphichelpers/rollback.go,
/// DeploymentRollbacker): a paused Deployment is refused; the ReplicaSet to return to is the one whose
/// <c>deployment.kubernetes.io/revision</c> is the named revision, or the newest revision before the
/// current one; its pod template is copied without the <c>pod-template-hash</c> label; when it already
/// equals the Deployment's template nothing is patched. The Deployment's own annotations are kept: only
/// the template changes. Stateless.
/// </summary>
public static class RolloutUndo
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <param name="deployment">The Deployment as it is now.</param>
    /// <param name="replicaSets">Its ReplicaSets (owned by it), any order.</param>
    /// <param name="toRevision">The revision to return to; 0 for the previous one.</param>
    /// <exception cref="InvalidOperationException">Paused, or no such revision: the message says what to do.</exception>
    public static UndoPlan Plan(V1Deployment deployment, IReadOnlyList<V1ReplicaSet> replicaSets, long toRevision = 0)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(replicaSets);
        var name = deployment.Metadata.Name;
        if (deployment.Spec.Paused == true)
        {
            throw new InvalidOperationException($"a paused deployment cannot be rolled back: deployment/{name} is paused (resume it with kubectl rollout resume deployment/{name}, then roll back)");
        }

        var byRevision = replicaSets
            .Select(rs => (Revision: Revision(rs), ReplicaSet: rs))
            .Where(entry => entry.Revision > 0)
            .OrderByDescending(entry => entry.Revision)
            .ToList();
        var current = byRevision.Count > 0 ? byRevision[0].Revision : 0;
        var target = toRevision == 0
            ? byRevision.Skip(1).FirstOrDefault()
            : byRevision.FirstOrDefault(entry => entry.Revision == toRevision);
        if (target.ReplicaSet is null)
        {
            var known = string.Join(", ", byRevision.Select(entry => entry.Revision).Order());
            throw new InvalidOperationException(toRevision == 0
                ? $"a rollback needs a previous revision: deployment/{name} has only revision {current} (deploy another version first)"
                : $"a rollback revision must exist: deployment/{name} has no revision {toRevision} (known: {known})");
        }

        var template = WithoutPodTemplateHash(target.ReplicaSet.Spec.Template);
        if (SameTemplate(template, deployment.Spec.Template))
        {
            return new(null, target.Revision, $"deployment/{name} skipped rollback (current template already matches revision {target.Revision})");
        }
        return new(template, target.Revision, $"deployment/{name} rolled back to revision {target.Revision}");
    }

    public static long Revision(V1ReplicaSet replicaSet) =>
        replicaSet?.Metadata?.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true && long.TryParse(text, out var revision) ? revision : 0;

    private static V1PodTemplateSpec WithoutPodTemplateHash(V1PodTemplateSpec template)
    {
        var copy = k8s.KubernetesJson.Deserialize<V1PodTemplateSpec>(k8s.KubernetesJson.Serialize(template));
        copy.Metadata?.Labels?.Remove(PodTemplateHashLabel);
        return copy;
    }

    /// <summary>Semantic equality, as kubectl compares templates: the same JSON.</summary>
    private static bool SameTemplate(V1PodTemplateSpec a, V1PodTemplateSpec b) =>
        k8s.KubernetesJson.Serialize(a) == k8s.KubernetesJson.Serialize(b);
}
