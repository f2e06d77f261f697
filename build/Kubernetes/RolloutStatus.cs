using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>Where a Deployment's rollout stands, as <c>kubectl rollout status</c> reports it.</summary>
public enum RolloutPhase
{
    /// <summary>Still rolling out (or the controller has not seen the new spec yet): keep watching.</summary>
    Waiting,

    /// <summary>Every replica updated and available, no old replica left.</summary>
    Complete,

    /// <summary>The Progressing condition says ProgressDeadlineExceeded: the rollout is stuck.</summary>
    Failed,
}

/// <summary>A rollout's phase with kubectl's own message for it.</summary>
public sealed record RolloutState(RolloutPhase Phase, string Message);

/// <summary>
/// kubectl's rules for a Deployment's rollout (k8s.io/kubectl, polymorphichelpers/rollout_status.go,
/// DeploymentStatusViewer): nothing is judged until the controller has observed the current generation;
/// then a ProgressDeadlineExceeded condition fails it, and it completes only when every desired replica is
/// updated, no old replica remains and every updated replica is available. Stateless.
/// </summary>
public static class RolloutStatus
{
    public const string ProgressingCondition = "Progressing";

    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    public static RolloutState Of(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata.Name;
        var status = deployment.Status ?? new V1DeploymentStatus();
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new(RolloutPhase.Waiting, $"Waiting for deployment spec update to be observed...");
        }

        var progressing = status.Conditions?.FirstOrDefault(condition => condition.Type == ProgressingCondition);
        if (progressing?.Reason == ProgressDeadlineExceeded)
        {
            return new(RolloutPhase.Failed, $"deployment \"{name}\" exceeded its progress deadline");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (deployment.Spec.Replicas is { } desired && updated < desired)
        {
            return new(RolloutPhase.Waiting, $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }
        if (replicas > updated)
        {
            return new(RolloutPhase.Waiting, $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...");
        }
        if (available < updated)
        {
            return new(RolloutPhase.Waiting, $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...");
        }
        return new(RolloutPhase.Complete, $"deployment \"{name}\" successfully rolled out");
    }
}
